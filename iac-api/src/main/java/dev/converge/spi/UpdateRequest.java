package dev.converge.spi;

import dev.converge.api.Address;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Change an object in place and wait until it is ready again. */
public record UpdateRequest(Address address, String type, String id, Map<String, Object> priorInputs,
        Map<String, Object> priorOutputs, Map<String, Object> desiredInputs, List<PropertyDiff> diffs,
        Duration timeout) {
}
