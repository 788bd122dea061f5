package dev.converge.scaling;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.testing.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code size} fake resources in layers of {@link #WIDTH}; each resource after the first layer references
 * the {@code arn} of one resource of the layer before (the LAYERED shape of the benchmarks).
 */
record LayeredProgram(int size) implements Program {

    static final int WIDTH = 100;

    @Override
    public void define(Stack stack) {
        List<Ref<Map<String, Object>>> refs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            GenericResource resource = GenericResource.of(FakeProvider.THING, "r" + i).set("value", "value-" + i);
            if (i >= WIDTH) {
                resource = resource.set("ref", refs.get(i - WIDTH).output("arn"));
            }
            refs.add(stack.add(resource));
        }
    }
}
