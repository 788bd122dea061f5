package dev.converge.bench;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.testing.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * N fake resources in one of four DAG shapes; resource {@code changed} (or none, with -1) gets another
 * value so that a plan has exactly one update.
 */
record SyntheticProgram(int size, Shape shape, int changed) implements Program {

    /** How resources depend on each other. */
    enum Shape {
        /** Layers of {@link #WIDTH}; each resource references one of the layer before. */
        LAYERED,
        /** No dependencies at all. */
        WIDE,
        /** One chain. */
        DEEP,
        /** Each resource references up to two random earlier ones (seeded). */
        RANDOM
    }

    static final int WIDTH = 100;

    @Override
    public void define(Stack stack) {
        List<Ref<Map<String, Object>>> refs = new ArrayList<>(size);
        Random random = new Random(42);
        for (int i = 0; i < size; i++) {
            GenericResource resource = GenericResource.of(FakeProvider.THING, "r" + i)
                    .set("value", i == changed ? "changed-" + i : "value-" + i);
            resource = switch (shape) {
                case LAYERED -> i < WIDTH ? resource : resource.set("ref", refs.get(i - WIDTH).output("arn"));
                case WIDE -> resource;
                case DEEP -> i == 0 ? resource : resource.set("ref", refs.get(i - 1).output("arn"));
                case RANDOM -> i == 0 ? resource : withRandomRefs(resource, refs, random);
            };
            refs.add(stack.add(resource));
        }
    }

    private static GenericResource withRandomRefs(GenericResource resource, List<Ref<Map<String, Object>>> refs,
            Random random) {
        GenericResource result = resource.set("ref", refs.get(random.nextInt(refs.size())).output("arn"));
        if (random.nextBoolean()) {
            result = result.put("tags", "other", refs.get(random.nextInt(refs.size())).output("arn"));
        }
        return result;
    }

    /** The critical path length in resources, for the apply lower bound. */
    int criticalPath() {
        return switch (shape) {
            case LAYERED -> (size + WIDTH - 1) / WIDTH;
            case WIDE -> size == 0 ? 0 : 1;
            case DEEP -> size;
            case RANDOM -> throw new UnsupportedOperationException("computed from the graph");
        };
    }
}
