package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;

/** Read one object back, for refresh and drift detection. */
public record ReadRequest(Address address, String type, String id, Map<String, Object> priorInputs,
        Map<String, Object> priorOutputs) {
}
