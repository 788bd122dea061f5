package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import java.util.Map;

/**
 * A lookup of an existing Namespace that Converge does not manage ({@code k8s:Namespace}), by name and
 * labels; its outputs are those of a managed object, so
 * {@code ConfigMap.of("settings").namespace(ns.output(KubernetesObject::name))} places objects in it.
 */
public final class NamespaceLookup extends LookupArgs<NamespaceLookup, KubernetesObject> {

    private NamespaceLookup(Declaration declaration) {
        super(declaration);
    }

    /** The lookup of the Namespace {@code name}, under the same name in the program. */
    static NamespaceLookup create(String name) {
        return new NamespaceLookup(Declaration.of(KubernetesLookups.NAMESPACE, name)).objectName(name);
    }

    /** The Kubernetes name, when it differs from the name in the program. */
    public NamespaceLookup objectName(Object name) {
        return with("name", name);
    }

    /** The Namespace must carry this label (it may carry others). */
    public NamespaceLookup label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected NamespaceLookup wrap(Declaration next) {
        return new NamespaceLookup(next);
    }

    @Override
    public KubernetesObject outputs(Map<String, Object> values) {
        return KubernetesObject.of(values);
    }
}
