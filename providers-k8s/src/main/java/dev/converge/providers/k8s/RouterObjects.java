package dev.converge.providers.k8s;

import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router's Services and Ingresses: each write sets only the fields the router owns (a Service's
 * selector and ports, an Ingress's spec and the router's annotations) on the live object and sends it
 * with the live resourceVersion, so fields the API server fills in (a Service's cluster IP) and other
 * tools' labels survive; a 409 conflict starts over from a fresh read. Thread-safe.
 */
final class RouterObjects {

    static final KindInfo SERVICE = Kinds.require("k8s:Service").kind();
    static final KindInfo INGRESS = Kinds.require("k8s:Ingress").kind();

    private final Cluster cluster;

    RouterObjects(Cluster cluster) {
        this.cluster = cluster;
    }

    Optional<Map<String, Object>> get(ObjectRef ref) {
        try {
            return cluster.get(ref);
        } catch (RuntimeException e) {
            throw Errors.wrap("read", ref, e);
        }
    }

    /**
     * Creates the object with {@code fields} (paths to values; null removes), or sets those fields on
     * the existing one; {@code onlyCreate} leaves an existing object untouched (adoption).
     */
    Map<String, Object> upsert(ObjectRef ref, Ownership owner, Map<List<String>, Object> fields, boolean onlyCreate) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= Operations.MAX_CONFLICT_RETRIES; attempt++) {
            try {
                Optional<Map<String, Object>> live = cluster.get(ref);
                if (live.isPresent() && onlyCreate) {
                    return live.get();
                }
                Map<String, Object> object = live.map(Trees::copyMap).orElseGet(() -> skeleton(ref, owner));
                fields.forEach((path, value) -> Trees.put(object, path, Trees.copy(value)));
                return live.isPresent() ? cluster.update(ref, object) : cluster.create(ref, object);
            } catch (RuntimeException e) {
                if (!Errors.isConflict(e)) {
                    throw Errors.wrap("write", ref, e);
                }
                last = e;
            }
        }
        throw ProviderException.retryable("cannot write " + ref.describe() + ": it kept changing under us ("
                + Operations.MAX_CONFLICT_RETRIES + " resourceVersion conflicts in a row)", last);
    }

    /** Deletes the object; already gone is fine. */
    void delete(ObjectRef ref) {
        try {
            cluster.delete(ref);
        } catch (RuntimeException e) {
            throw Errors.wrap("delete", ref, e);
        }
    }

    private static Map<String, Object> skeleton(ObjectRef ref, Ownership owner) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", ref.kind().apiVersion());
        object.put("kind", ref.kind().kind());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ref.name());
        metadata.put("namespace", ref.namespace());
        object.put("metadata", metadata);
        return Manifests.stamped(object, owner);
    }

    static ObjectRef service(String namespace, String name) {
        return new ObjectRef(SERVICE, namespace, name);
    }

    static ObjectRef ingress(String namespace, String name) {
        return new ObjectRef(INGRESS, namespace, name);
    }
}
