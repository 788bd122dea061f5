package dev.converge.testing;

import dev.converge.api.Address;
import java.util.Map;

/**
 * One object in an {@link InMemoryCloud}. Immutable.
 *
 * @param inputs the properties as applied (what a read reports as observed inputs)
 * @param outputs every property: the inputs plus computed and output-only values
 * @param labels the ownership labels it was created with
 */
public record CloudObject(Address address, String type, String id, Map<String, Object> inputs,
        Map<String, Object> outputs, Map<String, String> labels) {

    public CloudObject {
        inputs = dev.converge.spi.Values.copyOf(inputs);
        outputs = dev.converge.spi.Values.copyOf(outputs);
        labels = Map.copyOf(labels);
    }

    CloudObject with(Map<String, Object> newInputs, Map<String, Object> newOutputs) {
        return new CloudObject(address, type, id, newInputs, newOutputs, labels);
    }
}
