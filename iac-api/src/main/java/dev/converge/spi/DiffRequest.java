package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;

/**
 * Prior inputs (as stored, or as refreshed from the real system) against desired inputs.
 *
 * @param priorOutputs what the provider returned when it last created, updated or read the object
 */
public record DiffRequest(Address address, String type, String id, Map<String, Object> priorInputs,
        Map<String, Object> priorOutputs, Map<String, Object> desiredInputs) {
}
