package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespaced RBAC Role ({@code k8s:Role}).
 */
public final class Role extends KubernetesResource<Role> {

    private Role(Declaration declaration) {
        super(declaration);
    }

    /** A Role whose Kubernetes name is {@code name}. */
    public static Role of(String name) {
        return new Role(declare("Role", name));
    }

    @Override
    protected Role wrap(Declaration next) {
        return new Role(next);
    }

    /** Allows {@code verbs} on {@code resources} of the API groups ({@code \"\"} is the core group). */
    public Role rule(List<String> apiGroups, List<String> resources, List<String> verbs) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("apiGroups", List.copyOf(apiGroups));
        rule.put("resources", List.copyOf(resources));
        rule.put("verbs", List.copyOf(verbs));
        return withElement("rules", rule);
    }
}
