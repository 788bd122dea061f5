package dev.converge.scaling;

import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.ResourceOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.InputResolver;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the state a successful apply of an engine's program would leave, without applying it (the idea
 * of the benchmarks' StateSeeder), so that a large no-change plan needs no large first apply. Outputs are
 * the inputs plus the {@code arn} FakeProvider computes.
 */
final class SeededState {

    private SeededState() {
    }

    static void seed(Engine engine, String stack) {
        ResourceGraph graph = engine.graph();
        Map<Address, Map<String, Object>> outputs = new HashMap<>();
        Output.Resolver resolver = address -> Optional.ofNullable(outputs.get(address));
        Map<Address, ResourceState> resources = new LinkedHashMap<>();
        int next = 0;
        for (Address address : graph.order()) {
            DeclaredResource resource = graph.resource(address);
            Map<String, Object> inputs = InputResolver.resolve(resource.declaration().properties(),
                    engine.providers().schema(resource.type()).orElseThrow(), resolver);
            String id = "seed-" + next++;
            Map<String, Object> out = new LinkedHashMap<>(inputs);
            out.put("arn", "arn:fake:" + resource.type() + ":" + id);
            resources.put(address, new ResourceState(address, resource.type(), id, inputs, out,
                    resource.dependencies(), ResourceOptions.defaults()));
            Map<String, Object> withId = new LinkedHashMap<>(out);
            withId.put("id", id);
            outputs.put(address, withId);
        }
        try (StateSession session = engine.lock("seed")) {
            State current = session.state();
            session.replace(new State(State.FORMAT_VERSION, stack, current.lineage(), current.serial(), resources,
                    Map.of()));
        }
    }
}
