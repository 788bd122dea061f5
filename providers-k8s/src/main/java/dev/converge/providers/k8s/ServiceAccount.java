package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * A ServiceAccount ({@code k8s:ServiceAccount}).
 */
public final class ServiceAccount extends KubernetesResource<ServiceAccount> {

    private ServiceAccount(Declaration declaration) {
        super(declaration);
    }

    /** A ServiceAccount whose Kubernetes name is {@code name}. */
    public static ServiceAccount of(String name) {
        return new ServiceAccount(declare("ServiceAccount", name));
    }

    @Override
    protected ServiceAccount wrap(Declaration next) {
        return new ServiceAccount(next);
    }
}
