package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Ingress ({@code k8s:Ingress}) routing HTTP paths to Services.
 */
public final class Ingress extends KubernetesResource<Ingress> {

    private Ingress(Declaration declaration) {
        super(declaration);
    }

    /** A Ingress whose Kubernetes name is {@code name}. */
    public static Ingress of(String name) {
        return new Ingress(declare("Ingress", name));
    }

    @Override
    protected Ingress wrap(Declaration next) {
        return new Ingress(next);
    }

    /** Replaces the whole spec, as written in a manifest. */
    public Ingress spec(Map<String, Object> spec) {
        return with("spec", spec);
    }

    public Ingress ingressClass(String name) {
        return withPath("spec", name, "ingressClassName");
    }

    /** Routes {@code host}{@code path} (prefix match) to {@code service}:{@code port}; host may be null. */
    public Ingress route(String host, String path, Object service, int port) {
        Map<String, Object> backend = Map.of("service", Map.of("name", service, "port", Map.of("number", (long) port)));
        Map<String, Object> rulePath = new LinkedHashMap<>();
        rulePath.put("path", path);
        rulePath.put("pathType", "Prefix");
        rulePath.put("backend", backend);
        Map<String, Object> rule = new LinkedHashMap<>();
        if (host != null) {
            rule.put("host", host);
        }
        rule.put("http", Map.of("paths", List.of(rulePath)));
        return appendAt("spec", rule, "rules");
    }
}
