package dev.converge.bench;

import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.ResourceOptions;
import dev.converge.engine.automation.ProgramGraph;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.Ownership;
import dev.converge.testing.FakeProvider;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the state (and fake cloud) a successful apply of a program would leave, without applying it,
 * so that large-state figures and tests do not wait for a large first apply. Outputs are the inputs plus
 * the {@code arn} FakeProvider computes. Uses only the Automation API: the program's graph, and
 * {@link StackEngine#writeState}.
 */
public final class StateSeeder {

    private StateSeeder() {
    }

    public static void seed(StackEngine engine, FakeProvider fake) {
        Map<Address, Map<String, Object>> outputs = new HashMap<>();
        Output.Resolver resolver = address -> Optional.ofNullable(outputs.get(address));
        Map<Address, ResourceState> resources = new LinkedHashMap<>();
        int next = 0;
        for (ProgramGraph.Node node : engine.graph().nodes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> declared = (Map<String, Object>) resolve(node.declaration().properties(), resolver);
            Map<String, Object> inputs = fake.schema(node.type()).orElseThrow().withDefaults(declared);
            String id = "seed-" + next++;
            fake.putOutOfBand(new FakeProvider.FakeObject(id, node.type(), node.address(), inputs,
                    new Ownership(engine.stack(), node.address()).labels()));
            Map<String, Object> out = new LinkedHashMap<>(inputs);
            out.put("arn", "arn:fake:" + node.type() + ":" + id);
            resources.put(node.address(), new ResourceState(node.address(), node.type(), id, inputs, out,
                    node.dependencies(), ResourceOptions.defaults()));
            Map<String, Object> withId = new LinkedHashMap<>(out);
            withId.put("id", id);
            outputs.put(node.address(), withId);
        }
        engine.writeState(new State(State.FORMAT_VERSION, engine.stack(), "", 0, resources, Map.of()));
    }

    /** A declared value with every output resolved against the seeded outputs so far. */
    private static Object resolve(Object value, Output.Resolver resolver) {
        if (value instanceof Output<?> output) {
            return resolve(output.resolve(resolver).value(), resolver);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), resolve(item, resolver)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> resolve(item, resolver)).toList();
        }
        return value;
    }
}
