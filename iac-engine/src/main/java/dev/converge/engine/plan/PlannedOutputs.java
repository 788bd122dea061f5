package dev.converge.engine.plan;

import dev.converge.api.Ref;
import dev.converge.api.Unknown;
import dev.converge.spi.ResourceSchema;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What dependents may assume about a resource that will be created or replaced: its declared inputs
 * are known, while its id, the values the provider computes, and any key it was not given are
 * {@link Unknown}. So a name fixed in the program shows as that name in dependents' plans, not as
 * "known after apply". Immutable.
 */
final class PlannedOutputs extends AbstractMap<String, Object> {

    private final Map<String, Object> known;

    private PlannedOutputs(Map<String, Object> known) {
        this.known = known;
    }

    static PlannedOutputs of(Map<String, Object> desired, ResourceSchema schema) {
        Map<String, Object> known = new LinkedHashMap<>(desired);
        schema.outputsOnly().forEach(key -> known.put(key, Unknown.INSTANCE));
        schema.properties().values().forEach(property -> {
            if (property.computed() && !desired.containsKey(property.name())) {
                known.put(property.name(), Unknown.INSTANCE);
            }
        });
        known.put(Ref.ID, Unknown.INSTANCE);
        return new PlannedOutputs(known);
    }

    /** The stack outputs of {@code graph}'s program as planned: each export resolved with {@code resolver}. */
    static Map<String, Object> ofStack(dev.converge.engine.graph.ResourceGraph graph,
            dev.converge.api.Output.Resolver resolver) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        graph.declarations().exports().forEach((name, value) ->
                outputs.put(name, InputResolver.resolveValue(value, resolver)));
        return outputs;
    }

    /** Nothing known yet, not even the id: what dependents see of a lookup read during apply. */
    static PlannedOutputs unknown() {
        return new PlannedOutputs(Map.of(Ref.ID, Unknown.INSTANCE));
    }

    /**
     * What dependents may assume about a resource updated in place: its outputs and id, the desired inputs,
     * and the computed values the provider says the update changes as {@link Unknown}.
     */
    static Map<String, Object> updated(Map<String, Object> outputs, String id, Map<String, Object> desired,
            java.util.Collection<String> changing) {
        Map<String, Object> expected = new LinkedHashMap<>(outputs);
        expected.put(Ref.ID, id);
        expected.putAll(desired);
        changing.forEach(key -> expected.put(key, Unknown.INSTANCE));
        return expected;
    }

    /** What dependents see of a resource the plan leaves unchanged: its outputs and its id (a view). */
    static Map<String, Object> unchanged(Map<String, Object> outputs, String id) {
        return new OutputsWithId(outputs, id);
    }

    @Override
    public Object get(Object key) {
        return known.getOrDefault(key, Unknown.INSTANCE);
    }

    @Override
    public boolean containsKey(Object key) {
        return true;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return known.entrySet();
    }
}
