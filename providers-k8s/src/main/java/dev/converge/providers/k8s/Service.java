package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Service ({@code k8s:Service}). The cluster IP the server assigns is an output
 * ({@link KubernetesObject#clusterIP()}) and never drift.
 */
public final class Service extends KubernetesResource<Service> {

    private Service(Declaration declaration) {
        super(declaration);
    }

    /** A Service whose Kubernetes name is {@code name}. */
    public static Service of(String name) {
        return new Service(declare("Service", name));
    }

    @Override
    protected Service wrap(Declaration next) {
        return new Service(next);
    }

    /** Replaces the whole spec, as written in a manifest. */
    public Service spec(Map<String, Object> spec) {
        return with("spec", spec);
    }

    /** Selects the pods labelled {@code key=value}. */
    public Service selector(String key, Object value) {
        return withPath("spec", value, "selector", key);
    }

    /** Exposes {@code port}, forwarded to {@code targetPort} of the pods. */
    public Service port(int port, int targetPort) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "p" + port);
        entry.put("port", (long) port);
        entry.put("targetPort", (long) targetPort);
        return appendAt("spec", entry, "ports");
    }

    /** ClusterIP (the default when unset), NodePort or LoadBalancer. */
    public Service type(String type) {
        return withPath("spec", type, "type");
    }
}
