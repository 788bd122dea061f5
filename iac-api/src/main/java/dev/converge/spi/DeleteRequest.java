package dev.converge.spi;

import dev.converge.api.Address;
import java.time.Duration;
import java.util.Map;

/** Delete one object; an object already gone is not an error. */
public record DeleteRequest(Address address, String type, String id, Map<String, Object> inputs,
        Map<String, Object> outputs, Duration timeout) {
}
