package dev.converge.spi;

import java.util.Map;

/** The adopted object, with its canonical id; {@code exists} false if nothing has that id. */
public record ImportResponse(boolean exists, String id, Map<String, Object> inputs, Map<String, Object> outputs) {

    public ImportResponse {
        inputs = Values.copyOf(inputs);
        outputs = Values.copyOf(outputs);
    }

    public static ImportResponse notFound() {
        return new ImportResponse(false, "", Map.of(), Map.of());
    }
}
