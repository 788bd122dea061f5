package dev.converge.properties;

import dev.converge.api.GenericResource;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Scope;
import dev.converge.testing.FakeProvider;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated program: {@code fake:Thing}s in declaration order, each referencing only things declared
 * before it, so the references form a DAG. Immutable; {@link #program()} turns it into a real
 * {@link Program} and {@link #toString()} prints it as the Java a user would write, to reproduce a failure.
 */
record ProgramSpec(List<Thing> things) {

    ProgramSpec {
        things = List.copyOf(things);
    }

    Optional<Thing> byUid(Integer uid) {
        return uid == null ? Optional.empty() : things.stream().filter(t -> t.uid() == uid).findFirst();
    }

    int size() {
        return things.size();
    }

    /** The number of things on the longest reference or dependsOn chain (1 for things without edges). */
    int depth() {
        Map<Integer, Integer> depths = new HashMap<>();
        int deepest = 0;
        for (Thing thing : things) {
            int depth = 1 + Math.max(depthOf(thing.refUid(), depths), depthOf(thing.dependsOnUid(), depths));
            depths.put(thing.uid(), depth);
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    private static int depthOf(Integer uid, Map<Integer, Integer> depths) {
        return uid == null ? 0 : depths.getOrDefault(uid, 0);
    }

    /** The program that declares these things, with one stack output. */
    Program program() {
        return stack -> {
            Map<String, Scope> groups = new HashMap<>();
            Map<Integer, Ref<Map<String, Object>>> refs = new LinkedHashMap<>();
            for (Thing thing : things) {
                Scope scope = thing.group() == null ? stack : groups.computeIfAbsent(thing.group(), stack::component);
                refs.put(thing.uid(), scope.add(declare(thing, refs)));
            }
            stack.export("things", things.size());
        };
    }

    private static GenericResource declare(Thing thing, Map<Integer, Ref<Map<String, Object>>> refs) {
        GenericResource resource = GenericResource.of(FakeProvider.THING, thing.name())
                .set("value", thing.value()).set("size", thing.size()).set("key", thing.key());
        if (!thing.tags().isEmpty()) {
            resource = resource.set("tags", thing.tags());
        }
        if (thing.refUid() != null) {
            resource = resource.set("ref", refValue(thing, refs.get(thing.refUid())));
        }
        if (thing.dependsOnUid() != null) {
            resource = resource.dependsOn(refs.get(thing.dependsOnUid()));
        }
        resource = switch (thing.order()) {
            case DEFAULT -> resource;
            case DELETE_BEFORE_CREATE -> resource.deleteBeforeReplace();
            case CREATE_BEFORE_DELETE -> resource.createBeforeReplace();
        };
        resource = thing.immutable() ? resource.immutable() : resource;
        resource = thing.replaceOnValue() ? resource.replaceOnChanges("value") : resource;
        resource = thing.ignoreTags() ? resource.ignoreChanges("tags") : resource;
        return thing.aliases().isEmpty() ? resource : resource.aliases(thing.aliases().toArray(String[]::new));
    }

    private static Output<?> refValue(Thing thing, Ref<Map<String, Object>> parent) {
        String suffix = "/" + thing.name();
        return switch (thing.refKind()) {
            case ARN -> parent.output("arn");
            case VALUE -> parent.output("value").map(v -> v + suffix);
            case ID -> parent.id();
        };
    }

    /** The program as Java source, for failure reports. */
    @Override
    public String toString() {
        StringBuilder java = new StringBuilder("stack -> {  // " + size() + " things, depth " + depth() + "\n");
        for (Thing t : things) {
            java.append("  var t").append(t.uid()).append(" = ")
                    .append(t.group() == null ? "stack" : "stack.component(\"" + t.group() + "\")")
                    .append(".add(thing(\"").append(t.name()).append("\").set(\"value\", \"").append(t.value())
                    .append("\").set(\"size\", ").append(t.size()).append("L)")
                    .append(".set(\"key\", \"").append(t.key()).append("\")");
            if (!t.tags().isEmpty()) {
                java.append(".set(\"tags\", Map.of(");
                java.append(String.join(", ", t.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> "\"" + e.getKey() + "\", \"" + e.getValue() + "\"").toList())).append("))");
            }
            if (t.refUid() != null) {
                java.append(".set(\"ref\", t").append(t.refUid()).append(switch (t.refKind()) {
                    case ARN -> ".output(\"arn\")";
                    case VALUE -> ".output(\"value\").map(v -> v + \"/" + t.name() + "\")";
                    case ID -> ".id()";
                }).append(")");
            }
            if (t.dependsOnUid() != null) {
                java.append(".dependsOn(t").append(t.dependsOnUid()).append(")");
            }
            java.append(options(t)).append(");\n");
        }
        return java.append("}").toString();
    }

    private static String options(Thing t) {
        StringBuilder options = new StringBuilder();
        if (t.order() == Thing.Order.DELETE_BEFORE_CREATE) {
            options.append(".deleteBeforeReplace()");
        } else if (t.order() == Thing.Order.CREATE_BEFORE_DELETE) {
            options.append(".createBeforeReplace()");
        }
        options.append(t.immutable() ? ".immutable()" : "").append(t.replaceOnValue() ? ".replaceOnChanges(\"value\")" : "")
                .append(t.ignoreTags() ? ".ignoreChanges(\"tags\")" : "");
        if (!t.aliases().isEmpty()) {
            options.append(".aliases(\"").append(String.join("\", \"", t.aliases())).append("\")");
        }
        return options.toString();
    }
}
