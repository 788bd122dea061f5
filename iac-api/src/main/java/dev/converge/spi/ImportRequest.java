package dev.converge.spi;

import dev.converge.api.Address;

/**
 * Adopt an existing object.
 *
 * @param id the system's natural id or name of the object, as the user typed it
 * @param owner the labels the provider may add to the object, where it can do so without disruption
 */
public record ImportRequest(Address address, String type, String id, Ownership owner) {
}
