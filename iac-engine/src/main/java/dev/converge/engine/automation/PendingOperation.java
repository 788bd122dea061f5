package dev.converge.engine.automation;

import dev.converge.api.Address;

/**
 * A step of an interrupted run whose outcome is unknown (the journal has its intent but no result); the
 * next apply, refresh or other changing operation resolves it.
 *
 * @param operation the journal operation, such as {@code create}
 * @param type the resource type, or null when the step named none
 * @param id the object's id when it had one, or null
 */
public record PendingOperation(long sequence, Address address, String operation, String type, String id) {
}
