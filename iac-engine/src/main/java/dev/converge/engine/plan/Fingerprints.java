package dev.converge.engine.plan;

import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.declare.Declarations;
import java.util.List;

/**
 * Fingerprints of what a plan was computed from. Output lambdas cannot be hashed, so the program's
 * part covers the declarations' plain values, options and dependencies plus the planned changes,
 * whose values are the lambdas' results where they were known.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    /** The fingerprint of a plan of {@code graph}, computed on first use (see {@link Plan.Fingerprint}). */
    static Plan.Fingerprint lazy(dev.converge.engine.graph.ResourceGraph graph, List<Change> changes) {
        Declarations declarations = graph.declarations(); // captured alone: the fingerprint must not hold the planner
        return Plan.Fingerprint.lazy(() -> of(declarations, changes));
    }

    static Plan.Fingerprint of(Declarations declarations, List<Change> changes) {
        StringBuilder program = new StringBuilder();
        // Most resources share the default options instance: render each distinct instance once.
        java.util.Map<Object, String> optionTexts = new java.util.IdentityHashMap<>();
        for (DeclaredResource resource : declarations.resources().values()) {
            program.append(resource.address()).append('|').append(resource.type()).append('|')
                    .append(resource.configuration().isEmpty() ? "" : "[" + resource.configuration() + "]|")
                    .append(resource.dependencies()).append('|')
                    .append(optionTexts.computeIfAbsent(resource.declaration().options(), Object::toString)).append('|');
            Canonical.append(program, plainOnly(resource.declaration().properties()));
            program.append('\n');
        }
        for (Change change : changes) {
            program.append(change.kind()).append(' ').append(change.address()).append(' ');
            Canonical.append(program, describe(change));
            program.append('\n');
        }
        StringBuilder config = new StringBuilder();
        Canonical.append(config, declarations.config());
        declarations.configurations().forEach((ref, declared) -> {
            java.util.Map<String, Object> settings = new java.util.TreeMap<>();
            declared.settings().forEach((key, value) -> settings.put(key,
                    declared.secretKeys().contains(key) ? dev.converge.api.Secret.of(value) : value));
            config.append('\n').append(ref);
            Canonical.append(config, settings);
        });
        return new Plan.Fingerprint(Canonical.sha256(program.toString()), Canonical.sha256(config.toString()));
    }

    private static Object describe(Change change) {
        return switch (change.kind()) {
            case CREATE -> ((Change.Create) change).after();
            case UPDATE -> ((Change.Update) change).after();
            case REPLACE -> ((Change.Replace) change).after();
            case DELETE -> ((Change.Delete) change).id();
            case READ -> read((Change.Read) change);
            case IMPORT, NO_OP -> change.type();
            case MOVE -> ((Change.Move) change).from().toString();
        };
    }

    /** What was read, so that a saved plan is refused when a lookup or a referenced stack changed since. */
    private static Object read(Change.Read read) {
        return java.util.Arrays.asList(read.type(), read.id(), read.serial(), read.deferred(), read.filter(),
                read.outputs());
    }

    private static Object plainOnly(Object value) {
        if (value instanceof dev.converge.api.Output<?> output) {
            return "output" + output.dependencies();
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> copy = new java.util.TreeMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plainOnly(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Fingerprints::plainOnly).toList();
        }
        return value;
    }
}
