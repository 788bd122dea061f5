package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;

/** Declared inputs to check; values known only after apply are {@link dev.converge.api.Unknown}. */
public record ValidateRequest(Address address, String type, Map<String, Object> inputs) {
}
