package dev.converge.engine.state;

import dev.converge.api.Address;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One version of a stack's state: what Converge believes exists. Immutable.
 *
 * @param formatVersion the document format, see {@link #FORMAT_VERSION}
 * @param stack the stack name
 * @param lineage a random id fixed when the stack's state is first created; a state of another
 *     lineage is never written over this one
 * @param serial increases by one with every written version
 * @param resources by address, sorted
 * @param outputs the stack outputs of the last apply (values may be {@link dev.converge.api.Secret})
 */
public record State(int formatVersion, String stack, String lineage, long serial,
        Map<Address, ResourceState> resources, Map<String, Object> outputs) {

    /**
     * The format this version writes. 2 records a deposed object's key in a field of its own; 1 (still read)
     * recorded it in the address, as {@code web[deposed-1a2b3c4d]}.
     */
    public static final int FORMAT_VERSION = 2;

    public State {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(lineage, "lineage");
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    }

    /** The state of a stack that has never been applied: serial 0, a new lineage. */
    public static State empty(String stack) {
        return new State(FORMAT_VERSION, stack, UUID.randomUUID().toString(), 0, Map.of(), Map.of());
    }

    /**
     * The state of a stack that has no state document yet, as {@link StateSession#load} returns it:
     * serial 0 and an empty lineage, so that a plan made now still matches when apply opens the stack.
     * The lineage is fixed on the first write.
     */
    public static State absent(String stack) {
        return new State(FORMAT_VERSION, stack, "", 0, Map.of(), Map.of());
    }

    /** True if this state was ever written (it has a lineage). */
    public boolean exists() {
        return !lineage.isEmpty();
    }

    public ResourceState resource(Address address) {
        return resources.get(address);
    }

    public State withResource(ResourceState resource) {
        Map<Address, ResourceState> copy = new TreeMap<>(resources);
        copy.put(resource.address(), resource);
        return new State(formatVersion, stack, lineage, serial, copy, outputs);
    }

    public State withoutResource(Address address) {
        Map<Address, ResourceState> copy = new TreeMap<>(resources);
        copy.remove(address);
        return new State(formatVersion, stack, lineage, serial, copy, outputs);
    }

    public State withOutputs(Map<String, Object> newOutputs) {
        return new State(formatVersion, stack, lineage, serial, resources, newOutputs);
    }

    public State withSerial(long newSerial) {
        return new State(formatVersion, stack, lineage, newSerial, resources, outputs);
    }
}
