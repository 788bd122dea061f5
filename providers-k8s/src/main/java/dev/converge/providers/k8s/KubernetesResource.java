package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * Base of the typed Kubernetes builders: the metadata setters (name, namespace, labels,
 * annotations). Immutable: every setter returns a new builder.
 *
 * @param <S> the concrete builder type
 */
public abstract class KubernetesResource<S extends KubernetesResource<S>> extends KubernetesArgs<S> {

    protected KubernetesResource(Declaration declaration) {
        super(declaration);
    }

    /** A declaration of {@code kind} whose Kubernetes name is {@code name}. */
    static Declaration declare(String kind, String name) {
        return Declaration.of(Kinds.PROVIDER + ":" + kind, name).withProperty("name", name);
    }

    /** The Kubernetes object name, when it must differ from the Converge resource name. */
    public S objectName(String name) {
        return with("name", name);
    }

    /** The namespace; without it, the provider's {@code k8s.namespace}. A change replaces the object. */
    public S namespace(Object namespace) {
        return with("namespace", namespace);
    }

    public S label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    public S annotation(String key, Object value) {
        return withEntry("annotations", key, value);
    }
}
