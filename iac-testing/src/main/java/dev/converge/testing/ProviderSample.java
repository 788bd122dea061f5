package dev.converge.testing;

import java.util.Map;
import java.util.Objects;

/**
 * One kind of object a {@link ProviderContract} creates, reads, changes and deletes on the real backend.
 * Immutable.
 *
 * @param name the resource name; the contract's objects get the address {@code contract/<name>}
 * @param type the resource type, such as {@code docker:Volume}
 * @param inputs the declared inputs (the contract applies the schema's defaults, as the engine does)
 * @param changed different inputs, for a diff with changes and, where the type updates in place, an update
 * @param updatesInPlace whether the change from {@code inputs} to {@code changed} is an in-place update
 *     (the provider's diff must agree); false when it replaces the object
 * @param searchable whether {@code findOwned} can find objects of this type; false where the backend has
 *     no labels or tags to search by (the provider must then answer {@code supported=false})
 */
public record ProviderSample(String name, String type, Map<String, Object> inputs, Map<String, Object> changed,
        boolean updatesInPlace, boolean searchable) {

    public ProviderSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        inputs = Map.copyOf(inputs);
        changed = Map.copyOf(changed);
    }

    /** A sample whose change {@code changed} is updated in place. */
    public static ProviderSample updatedInPlace(String name, String type, Map<String, Object> inputs,
            Map<String, Object> changed) {
        return new ProviderSample(name, type, inputs, changed, true, true);
    }

    /** A sample whose change {@code changed} replaces the object (every property forces a replacement). */
    public static ProviderSample replaced(String name, String type, Map<String, Object> inputs,
            Map<String, Object> changed) {
        return new ProviderSample(name, type, inputs, changed, false, true);
    }

    /** The same sample, of a type that {@code findOwned} cannot search. */
    public ProviderSample unsearchable() {
        return new ProviderSample(name, type, inputs, changed, updatesInPlace, false);
    }

    /** Names the sample in test reports. */
    @Override
    public String toString() {
        return type + " " + name;
    }
}
