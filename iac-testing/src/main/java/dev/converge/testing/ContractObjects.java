package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Provider;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects a {@link ProviderContract} test created, for its invariant that none is left after the test.
 * Not thread-safe: one test at a time.
 */
final class ContractObjects {

    /** One created object as the contract knows it: where, what, its id, inputs and outputs. */
    record Made(Address address, String type, String id, Map<String, Object> inputs, Map<String, Object> outputs) {

        Made withInputs(Map<String, Object> newInputs) {
            return new Made(address, type, id, newInputs, outputs);
        }

        Made withOutputs(Map<String, Object> newOutputs) {
            return new Made(address, type, id, inputs, newOutputs);
        }
    }

    private final List<Made> made = new ArrayList<>();

    Made add(Made object) {
        made.add(object);
        return object;
    }

    /** The declared inputs with the schema's defaults, as the engine passes them. */
    static Map<String, Object> withDefaults(Provider provider, String type, Map<String, Object> inputs) {
        ResourceSchema schema = provider.schema(type).orElseThrow(() -> new IllegalArgumentException(
                "provider '" + provider.name() + "' has no type " + type + "; fix the contract's samples"));
        return schema.withDefaults(Values.normalizeMap(inputs));
    }

    /**
     * Deletes whatever is left of the created objects (still readable by id) and of the stack's owned
     * objects of their types, forgets them all, and returns a description of each one that was left.
     */
    List<String> removeLeftovers(Provider provider, String stack, Duration timeout) {
        List<String> leftovers = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        for (Made object : made) {
            types.add(object.type());
            ReadRequest read = new ReadRequest(object.address(), object.type(), object.id(), object.inputs(),
                    object.outputs());
            if (provider.read(read).exists()) {
                leftovers.add(object.type() + " " + object.id() + " at " + object.address());
                delete(provider, object.address(), object.type(), object.id(), object.inputs(), object.outputs(),
                        timeout);
            }
        }
        made.clear();
        if (!types.isEmpty()) {
            for (OwnedObject owned : provider.findOwned(new FindOwnedRequest(stack, types)).objects()) {
                leftovers.add(owned.type() + " " + owned.id() + " at " + owned.address() + " (found by findOwned)");
                delete(provider, owned.address(), owned.type(), owned.id(), owned.inputs(), owned.outputs(), timeout);
            }
        }
        return leftovers;
    }

    private static void delete(Provider provider, Address address, String type, String id,
            Map<String, Object> inputs, Map<String, Object> outputs, Duration timeout) {
        provider.delete(new DeleteRequest(address, type, id, inputs, outputs, timeout));
    }
}
