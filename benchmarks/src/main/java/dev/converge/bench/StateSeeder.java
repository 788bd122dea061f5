package dev.converge.bench;

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
import dev.converge.spi.Ownership;
import dev.converge.testing.FakeProvider;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the state (and fake cloud) a successful apply of a program would leave, without applying it,
 * so that large-state figures do not wait for a large first apply.
 */
final class StateSeeder {

    private StateSeeder() {
    }

    static void seed(Engine engine, FakeProvider fake, String stack) {
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
            fake.putOutOfBand(new FakeProvider.FakeObject(id, resource.type(), address, inputs,
                    new Ownership(stack, address).labels()));
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
            session.replace(new State(State.FORMAT_VERSION, stack, current.lineage(), current.serial(), resources, Map.of()));
        }
    }
}
