package dev.converge.spi;

import java.util.Map;

/** Every property of the updated object, as {@link CreateResponse#outputs()}. */
public record UpdateResponse(Map<String, Object> outputs) {

    public UpdateResponse {
        outputs = Values.copyOf(outputs);
    }
}
