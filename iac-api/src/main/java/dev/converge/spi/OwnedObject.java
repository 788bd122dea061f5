package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;

/** An object found by its ownership labels. */
public record OwnedObject(Address address, String type, String id, Map<String, Object> inputs,
        Map<String, Object> outputs) {

    public OwnedObject {
        inputs = Values.copyOf(inputs);
        outputs = Values.copyOf(outputs);
    }
}
