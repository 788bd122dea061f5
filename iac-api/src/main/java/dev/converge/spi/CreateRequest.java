package dev.converge.spi;

import dev.converge.api.Address;
import java.time.Duration;
import java.util.Map;

/**
 * Create one object and wait until it is ready.
 *
 * @param inputs fully resolved inputs, schema defaults applied
 * @param owner labels to attach so the object can be found again
 * @param timeout how long the provider may wait for readiness
 */
public record CreateRequest(Address address, String type, Map<String, Object> inputs, Ownership owner,
        Duration timeout) {
}
