package dev.converge.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The created object.
 *
 * @param id the system's id of the object, used by every later operation
 * @param outputs every property of the object: inputs as applied and computed values
 */
public record CreateResponse(String id, Map<String, Object> outputs) {

    public CreateResponse {
        Objects.requireNonNull(id, "id");
        outputs = Values.copyOf(outputs);
    }
}
