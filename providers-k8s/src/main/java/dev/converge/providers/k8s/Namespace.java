package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * A Namespace ({@code k8s:Namespace}); cluster-scoped.
 */
public final class Namespace extends KubernetesResource<Namespace> {

    private Namespace(Declaration declaration) {
        super(declaration);
    }

    /** A Namespace whose Kubernetes name is {@code name}. */
    public static Namespace of(String name) {
        return new Namespace(declare("Namespace", name));
    }

    /**
     * A lookup of the existing Namespace {@code name} that Converge does not manage, under the same name in
     * the program: {@code stack.lookup(Namespace.lookup("payments"))}.
     */
    public static NamespaceLookup lookup(String name) {
        return NamespaceLookup.create(name);
    }

    @Override
    protected Namespace wrap(Declaration next) {
        return new Namespace(next);
    }
}
