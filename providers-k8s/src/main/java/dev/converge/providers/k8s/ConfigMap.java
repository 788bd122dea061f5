package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * A ConfigMap ({@code k8s:ConfigMap}) of string entries.
 */
public final class ConfigMap extends KubernetesResource<ConfigMap> {

    private ConfigMap(Declaration declaration) {
        super(declaration);
    }

    /** A ConfigMap whose Kubernetes name is {@code name}. */
    public static ConfigMap of(String name) {
        return new ConfigMap(declare("ConfigMap", name));
    }

    @Override
    protected ConfigMap wrap(Declaration next) {
        return new ConfigMap(next);
    }

    /** One entry; the value may be an {@code Output}. */
    public ConfigMap data(String key, Object value) {
        return withEntry("data", key, value);
    }
}
