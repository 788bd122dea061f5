package dev.converge.spi;

import java.util.Map;

/**
 * The object as it is now.
 *
 * @param exists false if the object is gone
 * @param inputs the current values of the properties a program declares, as the provider observes
 *     them; drift shows as a difference from the desired inputs
 * @param outputs every property, as {@link CreateResponse#outputs()}
 */
public record ReadResponse(boolean exists, Map<String, Object> inputs, Map<String, Object> outputs) {

    public ReadResponse {
        inputs = Values.copyOf(inputs);
        outputs = Values.copyOf(outputs);
    }

    public static ReadResponse gone() {
        return new ReadResponse(false, Map.of(), Map.of());
    }

    public static ReadResponse found(Map<String, Object> inputs, Map<String, Object> outputs) {
        return new ReadResponse(true, inputs, outputs);
    }
}
