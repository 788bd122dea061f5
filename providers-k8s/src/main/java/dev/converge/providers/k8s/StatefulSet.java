package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * A StatefulSet ({@code k8s:StatefulSet}); create and update wait until its replicas are available.
 */
public final class StatefulSet extends Workload<StatefulSet> {

    private StatefulSet(Declaration declaration) {
        super(declaration);
    }

    /** A StatefulSet whose Kubernetes name is {@code name}. */
    public static StatefulSet of(String name) {
        return new StatefulSet(workload("StatefulSet", name));
    }

    @Override
    protected StatefulSet wrap(Declaration next) {
        return new StatefulSet(next);
    }

    /** The headless Service that gives the pods their network identity. */
    public StatefulSet serviceName(Object serviceName) {
        return withPath("spec", serviceName, "serviceName");
    }
}
