package dev.converge.providers.k8s;

import java.util.Objects;

/**
 * One object's place in the cluster; its {@link #id()} is the Converge id: {@code namespace/name}
 * for namespaced typed resources, {@code name} for cluster-scoped ones, and for {@code k8s:Manifest}
 * the kind in front, as in {@code Widget.example.com/v1:default/w1}. Pure and immutable.
 */
record ObjectRef(KindInfo kind, String namespace, String name) {

    ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = kind.namespaced() ? namespace : null;
    }

    String id(boolean withKind) {
        String local = namespace == null ? name : namespace + "/" + name;
        return withKind ? kind.kind() + "." + kind.apiVersion() + ":" + local : local;
    }

    /** Readable form for messages, such as {@code Deployment default/accounts}. */
    String describe() {
        return kind.kind() + " " + (namespace == null ? name : namespace + "/" + name);
    }

    /**
     * Parses an id of a typed resource ({@code kind} known) or of a manifest ({@code kind} null: the id
     * names it).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    static ObjectRef parse(KindInfo kind, String id, String defaultNamespace) {
        KindInfo resolved = kind;
        String local = id;
        if (kind == null) {
            int colon = id.indexOf(':');
            int dot = id.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon) {
                throw new IllegalArgumentException("manifest id '" + id
                        + "' must be Kind.apiVersion:namespace/name, such as Deployment.apps/v1:default/web");
            }
            String kindName = id.substring(0, dot);
            String apiVersion = id.substring(dot + 1, colon);
            local = id.substring(colon + 1);
            boolean namespaced = local.contains("/");
            resolved = Kinds.builtIn(apiVersion, kindName).orElse(KindInfo.guess(apiVersion, kindName, namespaced));
        }
        int slash = local.indexOf('/');
        if (resolved.namespaced()) {
            return slash < 0 ? new ObjectRef(resolved, defaultNamespace, local)
                    : new ObjectRef(resolved, local.substring(0, slash), local.substring(slash + 1));
        }
        if (slash >= 0) {
            throw new IllegalArgumentException(resolved.kind() + " is cluster-scoped: give its id as a plain name, not '"
                    + id + "'");
        }
        return new ObjectRef(resolved, null, local);
    }
}
