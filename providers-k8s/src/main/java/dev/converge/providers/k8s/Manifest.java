package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.Map;

/**
 * Any Kubernetes object ({@code k8s:Manifest}), built-in or custom, given as its whole manifest.
 * Converge manages exactly the fields the manifest has. Changing apiVersion, kind, name or namespace
 * replaces the object. For a custom kind whose URL plural is not its lower-case kind plus {@code s},
 * set {@link #plural}; for a cluster-scoped custom kind, {@link #clusterScoped}.
 *
 * <pre>{@code stack.add(Manifest.of("widget", Map.of("apiVersion", "example.com/v1", "kind", "Widget",
 *     "metadata", Map.of("name", "w1"), "spec", Map.of("size", 3))));}</pre>
 */
public final class Manifest extends KubernetesArgs<Manifest> {

    private Manifest(Declaration declaration) {
        super(declaration);
    }

    /** A manifest under the Converge resource name {@code name}; values may be {@code Output}s. */
    public static Manifest of(String name, Map<String, Object> manifest) {
        return new Manifest(Declaration.of(Kinds.MANIFEST, name).withProperty("manifest", manifest));
    }

    @Override
    protected Manifest wrap(Declaration next) {
        return new Manifest(next);
    }

    /** Sets one field by path, such as {@code set(3, "spec", "replicas")}; Integer steps index lists. */
    public Manifest set(Object value, Object... path) {
        return withPath("manifest", value, path);
    }

    public Manifest plural(String plural) {
        return with("plural", plural);
    }

    public Manifest clusterScoped() {
        return with("clusterScoped", true);
    }
}
