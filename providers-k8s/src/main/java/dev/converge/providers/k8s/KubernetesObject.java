package dev.converge.providers.k8s;

import dev.converge.spi.Values;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of every Kubernetes resource: its Converge id, name, namespace, uid and every other
 * property (the applied inputs, {@code status}, and {@code clusterIP} for Services).
 *
 * @param id {@code namespace/name}, or {@code name} for cluster-scoped kinds
 * @param values every output property
 */
public record KubernetesObject(String id, String name, String namespace, String uid, Map<String, Object> values) {

    public KubernetesObject {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static KubernetesObject of(Map<String, Object> values) {
        String name = Values.string(values, "name");
        if (name == null) {
            Object fromManifest = Trees.get(values, List.of("manifest", "metadata", "name"));
            name = fromManifest == null ? null : fromManifest.toString();
        }
        return new KubernetesObject(Values.string(values, "id"), name, Values.string(values, "namespace"),
                Values.string(values, "uid"), values);
    }

    /** A Service's cluster IP, or null (for example on a test server that assigns none). */
    public String clusterIP() {
        return Values.string(values, "clusterIP");
    }

    /** The object's status as last read, or an empty map. */
    public Map<String, Object> status() {
        return Values.mapOf(values, "status");
    }

    /** The in-cluster DNS name of a Service: {@code name.namespace.svc}. */
    public String dnsName() {
        return name + "." + (namespace == null ? "default" : namespace) + ".svc";
    }
}
