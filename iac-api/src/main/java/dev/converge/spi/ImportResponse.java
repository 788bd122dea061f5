package dev.converge.spi;

import java.util.Map;

/** The adopted object, with its canonical id; {@code exists} false if nothing has that id. */
public record ImportResponse(boolean exists, String id, Map<String, Object> inputs, Map<String, Object> outputs) {

    public ImportResponse {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    public static ImportResponse notFound() {
        return new ImportResponse(false, "", Map.of(), Map.of());
    }
}
