package dev.converge.engine.state;

import dev.converge.api.Address;
import dev.converge.api.ResourceOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One managed object as recorded in state. Immutable.
 *
 * @param address the resource's address in the program
 * @param type the resource type, {@code provider:Kind}
 * @param id the provider's id of the real object
 * @param inputs the resolved inputs last applied (values may be {@link dev.converge.api.Secret})
 * @param outputs every property the provider returned (with secrets re-marked)
 * @param dependencies the addresses this resource depended on when applied, so that deletes of
 *     resources no longer in the program still run in reverse dependency order
 * @param options the options it was declared with, so {@code protect} outlives the code that set it
 * @param deposed for a deposed object (an old object still to be deleted), which one it is; null for the
 *     current object at {@code address}. A deposed object's {@code address} is {@link DeposedKey#stateAddress()}.
 * @param configuration the name of the provider configuration that manages the object
 *     ({@code stack.provider(...)}); empty for the provider's default configuration
 */
public record ResourceState(Address address, String type, String id, Map<String, Object> inputs,
        Map<String, Object> outputs, List<Address> dependencies, ResourceOptions options, DeposedKey deposed,
        String configuration) {

    public ResourceState {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        inputs = frozen(inputs);
        outputs = frozen(outputs);
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(configuration, "configuration");
        if (deposed != null && !address.equals(deposed.stateAddress())) {
            throw new IllegalArgumentException("the deposed object " + deposed + " belongs at "
                    + deposed.stateAddress() + ", not " + address);
        }
    }

    /** An object of the provider's default configuration. */
    public ResourceState(Address address, String type, String id, Map<String, Object> inputs,
            Map<String, Object> outputs, List<Address> dependencies, ResourceOptions options, DeposedKey deposed) {
        this(address, type, id, inputs, outputs, dependencies, options, deposed, "");
    }

    /** The current object at {@code address}, of the provider's default configuration. */
    public ResourceState(Address address, String type, String id, Map<String, Object> inputs,
            Map<String, Object> outputs, List<Address> dependencies, ResourceOptions options) {
        this(address, type, id, inputs, outputs, dependencies, options, null, "");
    }

    /** The provider and the configuration that manage it, for messages: {@code aws} or {@code aws[eu]}. */
    public String managedBy() {
        String provider = type.substring(0, Math.max(0, type.indexOf(':')));
        return configuration.isEmpty() ? provider : provider + "[" + configuration + "]";
    }

    /** Whether this is a deposed object, still to be deleted. */
    public boolean isDeposed() {
        return deposed != null;
    }

    /** This object, deposed under {@code key}: recorded beside the new object that replaces it. */
    public ResourceState deposedAs(DeposedKey key) {
        return new ResourceState(key.stateAddress(), type, id, inputs, outputs, dependencies, options, key,
                configuration);
    }

    /**
     * An unmodifiable, ordered copy sized to its entries (a default map reserves 16 slots): states hold
     * two maps per resource, 200,000 of them at 100,000 resources. Empty maps share one instance.
     */
    private static Map<String, Object> frozen(Map<String, Object> map) {
        if (map.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, Object> copy = new LinkedHashMap<>(map.size(), 1.0f);
        copy.putAll(map);
        return Collections.unmodifiableMap(copy);
    }

    /** The current object at {@code newAddress} (a rename in code, or {@code state mv}). */
    public ResourceState withAddress(Address newAddress) {
        return new ResourceState(newAddress, type, id, inputs, outputs, dependencies, options, null, configuration);
    }

    public ResourceState withObserved(Map<String, Object> newInputs, Map<String, Object> newOutputs) {
        return new ResourceState(address, type, id, newInputs, newOutputs, dependencies, options, deposed,
                configuration);
    }

    /** The same object with the options and dependencies it is declared with now (it stays where it is). */
    public ResourceState withDeclared(List<Address> newDependencies, ResourceOptions newOptions) {
        return new ResourceState(address, type, id, inputs, outputs, newDependencies, newOptions, deposed,
                configuration);
    }
}
