package dev.converge.engine.plan;

import dev.converge.api.Ref;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resource's outputs with its id added under {@link Ref#ID}, as a view: a plan keeps one per
 * unchanged resource for its dependents, and copying every output map would hold a second copy of the
 * whole state's outputs. Lookups go to the outputs; iteration sees a fresh copy in the order of
 * {@code new LinkedHashMap<>(outputs)} then {@code put(id)}. Unmodifiable; as thread-safe as the
 * outputs map (an immutable state map: fully).
 */
public final class OutputsWithId extends AbstractMap<String, Object> {

    private final Map<String, Object> outputs;
    private final String id;

    public OutputsWithId(Map<String, Object> outputs, String id) {
        this.outputs = outputs;
        this.id = id;
    }

    @Override
    public Object get(Object key) {
        return Ref.ID.equals(key) ? id : outputs.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return Ref.ID.equals(key) || outputs.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>(outputs);
        all.put(Ref.ID, id);
        return Collections.unmodifiableMap(all).entrySet();
    }
}
