package dev.converge.providers.k8s;

import dev.converge.spi.Ownership;
import dev.converge.spi.Values;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure translation between Converge inputs and Kubernetes objects: the desired object for a
 * resource's inputs, the observed inputs of a live object (only the fields Converge manages), the
 * outputs, and the object to write on update. No I/O, so the test kit can reuse it.
 */
final class Manifests {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final List<String> SERVER_METADATA = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private Manifests() {
    }

    /** The kind the inputs describe; for a manifest, read from its apiVersion and kind. */
    static KindInfo kindOf(TypeSpec spec, Map<String, Object> inputs) {
        if (!spec.isManifest()) {
            return spec.kind();
        }
        Map<String, Object> manifest = Values.mapOf(inputs, "manifest");
        Object apiVersion = manifest.get("apiVersion");
        Object kind = manifest.get("kind");
        if (!(apiVersion instanceof String a) || !(kind instanceof String k)) {
            throw new IllegalArgumentException("a k8s:Manifest needs 'apiVersion' and 'kind' strings in its manifest");
        }
        boolean clusterScoped = Values.bool(inputs, "clusterScoped", false);
        String plural = Values.string(inputs, "plural");
        return Kinds.builtIn(a, k).orElseGet(() -> new KindInfo(a, k, plural != null ? plural : KindInfo.pluralOf(k),
                !clusterScoped));
    }

    static ObjectRef refOf(TypeSpec spec, Map<String, Object> inputs, String defaultNamespace) {
        Map<String, Object> object = desired(spec, inputs, defaultNamespace);
        Object name = Trees.get(object, List.of("metadata", "name"));
        if (!(name instanceof String n) || n.isBlank()) {
            throw new IllegalArgumentException(spec.type() + " needs metadata.name");
        }
        return new ObjectRef(kindOf(spec, inputs), (String) Trees.get(object, List.of("metadata", "namespace")), n);
    }

    /** The object the inputs declare, without ownership marks; the namespace defaulted. */
    static Map<String, Object> desired(TypeSpec spec, Map<String, Object> inputs, String defaultNamespace) {
        KindInfo kind = kindOf(spec, inputs);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", kind.apiVersion());
        object.put("kind", kind.kind());
        spec.paths().forEach((property, path) -> {
            Object value = inputs.get(property);
            if (value == null) {
                return;
            }
            if (path.isEmpty()) {
                object.putAll(Trees.copyMap(Values.mapOf(inputs, property)));
            } else {
                Trees.put(object, path, Trees.copy(Values.reveal(value)));
            }
        });
        if (kind.namespaced() && Trees.get(object, List.of("metadata", "namespace")) == null) {
            Trees.put(object, List.of("metadata", "namespace"), defaultNamespace);
        }
        if (spec.type().equals("k8s:Secret")) {
            Trees.put(object, List.of("data"), encode(Values.mapOf(inputs, "data")));
        }
        return object;
    }

    /**
     * The object Converge writes for declared inputs: {@link #stamped} plus the declared fields' shape
     * ({@link DeclaredShape}), so that crash recovery can tell declared fields from server-filled ones.
     */
    static Map<String, Object> declared(Map<String, Object> object, Ownership owner) {
        Map<String, Object> result = stamped(object, owner);
        DeclaredShape.encode(object).ifPresent(shape ->
                Trees.put(result, List.of("metadata", "annotations", DeclaredShape.ANNOTATION), shape));
        return result;
    }

    /** Adds the ownership labels and annotations to a copy of {@code object}. */
    static Map<String, Object> stamped(Map<String, Object> object, Ownership owner) {
        Map<String, Object> result = Trees.copyMap(object);
        Labels.labels(owner).forEach((key, value) -> Trees.put(result, List.of("metadata", "labels", key), value));
        Labels.annotations(owner).forEach((key, value) ->
                Trees.put(result, List.of("metadata", "annotations", key), value));
        return result;
    }

    /**
     * The current values of the properties the program declares, as in {@code priorInputs}: fields
     * nobody declared (server defaults, other tools' labels and annotations, status) are left out, and
     * fields another manager owns read as their prior value. With empty {@code priorInputs} (import,
     * crash recovery): the fields Converge declared when it wrote the object ({@link DeclaredShape}), or,
     * for an object it never wrote, every property the object has, server metadata removed.
     */
    static Map<String, Object> observe(TypeSpec spec, Map<String, Object> live, Map<String, Object> priorInputs,
            FieldOwners owners) {
        Map<String, Object> object = Trees.copyMap(live);
        if (spec.type().equals("k8s:Secret")) {
            Trees.put(object, List.of("data"), decode(Values.mapOf(object, "data")));
        }
        Set<List<String>> foreign = ManagedFields.foreign(live, owners);
        Optional<Map<String, Object>> declared = priorInputs.isEmpty() ? DeclaredShape.of(live) : Optional.empty();
        boolean shapeKnown = !priorInputs.isEmpty() || declared.isPresent();
        Map<String, Object> result = new LinkedHashMap<>();
        for (String property : spec.schema().properties().keySet()) {
            List<String> path = spec.paths().get(property);
            Object prior = priorInputs.get(property);
            if (path == null) {
                if (prior != null) {
                    result.put(property, prior);
                }
                continue;
            }
            Object shape = prior != null ? prior : declared.map(d -> Trees.get(d, path)).orElse(null);
            Object value = path.isEmpty() ? clean(object) : withoutOwnership(property, Trees.get(object, path));
            boolean identity = property.equals("name") || property.equals("namespace");
            // Labels or annotations that were only Converge's marks are nothing a program declared (on import).
            boolean onlyMarks = shape == null && value instanceof Map<?, ?> map && map.isEmpty()
                    && (property.equals("labels") || property.equals("annotations"));
            if (value == null || onlyMarks || (shape == null && shapeKnown && !identity)) {
                continue;
            }
            Object observed = shape == null ? value : Trees.prune(value, shape);
            result.put(property, keepForeign(observed, prior, path, foreign, live));
        }
        return Values.normalizeMap(result);
    }

    /** For fields another manager owns: the prior value, so they never show as drift. */
    @SuppressWarnings("unchecked")
    private static Object keepForeign(Object observed, Object prior, List<String> path, Set<List<String>> foreign,
            Map<String, Object> live) {
        if (!(observed instanceof Map<?, ?>) || prior == null) {
            return observed;
        }
        Map<String, Object> result = (Map<String, Object>) observed;
        for (List<String> owned : foreign) {
            if (owned.size() > path.size() && owned.subList(0, path.size()).equals(path)) {
                List<String> rest = owned.subList(path.size(), owned.size());
                Object priorValue = Trees.get(prior, rest);
                if (priorValue != null || Trees.get(live, owned) != null) {
                    Trees.put(result, rest, Trees.copy(priorValue));
                }
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutOwnership(String property, Object value) {
        if (!(property.equals("labels") || property.equals("annotations")) || !(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) map);
        result.keySet().removeIf(key -> Labels.isOwnershipKey(key) || key.equals(LAST_APPLIED));
        return result;
    }

    /** The object without server-populated fields and ownership marks: what a user would write. */
    static Map<String, Object> clean(Map<String, Object> live) {
        Map<String, Object> result = Trees.copyMap(live);
        result.remove("status");
        for (String field : SERVER_METADATA) {
            Trees.put(result, List.of("metadata", field), null);
        }
        for (String map : List.of("labels", "annotations")) {
            Object cleaned = withoutOwnership(map, Trees.get(result, List.of("metadata", map)));
            boolean empty = cleaned instanceof Map<?, ?> m && m.isEmpty();
            Trees.put(result, List.of("metadata", map), empty ? null : cleaned);
        }
        return result;
    }

    /** Outputs: the applied inputs (namespace filled in) plus uid, status and, for Services, clusterIP. */
    static Map<String, Object> outputs(TypeSpec spec, Map<String, Object> live, Map<String, Object> applied) {
        Map<String, Object> result = new LinkedHashMap<>(Values.normalizeMap(applied));
        Object namespace = Trees.get(live, List.of("metadata", "namespace"));
        if (!spec.isManifest() && spec.kind().namespaced() && namespace != null) {
            result.put("namespace", namespace);
        }
        putIfPresent(result, "uid", Trees.get(live, List.of("metadata", "uid")));
        putIfPresent(result, "status", Trees.get(live, List.of("status")));
        if (spec.type().equals("k8s:Service")) {
            putIfPresent(result, "clusterIP", Trees.get(live, List.of("spec", "clusterIP")));
        }
        return Values.normalizeMap(result);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * The object to write on update: {@code live} with the fields {@code previous} managed and
     * {@code desired} dropped removed, every field of {@code desired} set, and fields another manager
     * owns kept as they are. Keeps {@code live}'s resourceVersion for optimistic concurrency.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> forUpdate(Map<String, Object> live, Map<String, Object> desired,
            Map<String, Object> previous, FieldOwners owners) {
        Map<String, Object> merged = (Map<String, Object>) Trees.merge(live, desired, previous);
        for (List<String> owned : ManagedFields.foreign(live, owners)) {
            Trees.put(merged, owned, Trees.copy(Trees.get(live, owned)));
        }
        return merged;
    }

    /**
     * The apply patch for server-side apply: {@code desired} without the fields another manager owns
     * (and Converge does not), so they neither conflict nor change hands.
     */
    static Map<String, Object> forApply(Map<String, Object> live, Map<String, Object> desired, FieldOwners owners) {
        Map<String, Object> patch = Trees.copyMap(desired);
        for (List<String> owned : ManagedFields.foreign(live, owners)) {
            Trees.put(patch, owned, null);
        }
        return patch;
    }

    private static Map<String, Object> encode(Map<String, Object> data) {
        Map<String, Object> result = new LinkedHashMap<>();
        data.forEach((key, value) -> result.put(key,
                Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
        return result;
    }

    private static Map<String, Object> decode(Map<String, Object> data) {
        Map<String, Object> result = new LinkedHashMap<>();
        data.forEach((key, value) -> result.put(key,
                new String(Base64.getDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)));
        return result;
    }
}
