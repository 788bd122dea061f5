package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RoleBinding ({@code k8s:RoleBinding}). Its role reference is immutable in Kubernetes: changing it
 * replaces the binding.
 */
public final class RoleBinding extends KubernetesResource<RoleBinding> {

    private RoleBinding(Declaration declaration) {
        super(declaration);
    }

    /** A RoleBinding whose Kubernetes name is {@code name}. */
    public static RoleBinding of(String name) {
        return new RoleBinding(declare("RoleBinding", name));
    }

    @Override
    protected RoleBinding wrap(Declaration next) {
        return new RoleBinding(next);
    }

    /** Binds the Role named {@code role} in the same namespace. */
    public RoleBinding role(Object role) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("apiGroup", "rbac.authorization.k8s.io");
        ref.put("kind", "Role");
        ref.put("name", role);
        return with("roleRef", ref);
    }

    /** Grants the role to a ServiceAccount. */
    public RoleBinding serviceAccount(Object name, Object namespace) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("kind", "ServiceAccount");
        subject.put("name", name);
        subject.put("namespace", namespace);
        return withElement("subjects", subject);
    }
}
