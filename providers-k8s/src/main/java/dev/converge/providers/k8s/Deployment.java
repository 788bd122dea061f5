package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * A Deployment ({@code k8s:Deployment}); create and update wait until its rollout is available.
 *
 * <pre>{@code stack.add(Deployment.of("accounts").image("erlbank/accounts:1.0").replicas(2).port(8080));}</pre>
 */
public final class Deployment extends Workload<Deployment> {

    private Deployment(Declaration declaration) {
        super(declaration);
    }

    /** A Deployment whose Kubernetes name is {@code name}. */
    public static Deployment of(String name) {
        return new Deployment(workload("Deployment", name));
    }

    @Override
    protected Deployment wrap(Declaration next) {
        return new Deployment(next);
    }
}
