package dev.converge.operator.install;

import dev.converge.api.Config;
import dev.converge.operator.StackCrd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifests of the operator's objects, as maps. Pure. */
final class OperatorObjects {

    static final List<String> ALL_VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    /**
     * What runs may touch in their namespace: the state (Secrets, and Leases for the lock) and the kinds
     * programs usually manage. Extend the Role for programs that manage more.
     */
    static final List<List<List<String>>> RUNNER_RULES = List.of(
            List.of(List.of(""), List.of("secrets", "configmaps", "services", "serviceaccounts",
                    "persistentvolumeclaims", "pods")),
            List.of(List.of("coordination.k8s.io"), List.of("leases")),
            List.of(List.of("apps"), List.of("deployments", "statefulsets", "daemonsets", "replicasets")),
            List.of(List.of("batch"), List.of("jobs", "cronjobs")),
            List.of(List.of("networking.k8s.io"), List.of("ingresses")),
            List.of(List.of("autoscaling"), List.of("horizontalpodautoscalers")),
            List.of(List.of("rbac.authorization.k8s.io"), List.of("roles", "rolebindings")));

    private OperatorObjects() {
    }

    /** The controller's rights, in every namespace: Stacks, their Jobs and pods, Events, Leases. */
    static Map<String, Object> clusterRole(String name) {
        List<Object> rules = new ArrayList<>();
        rules.add(rule(StackCrd.GROUP, List.of(StackCrd.PLURAL), List.of("get", "list", "watch", "update", "patch")));
        rules.add(rule(StackCrd.GROUP, List.of(StackCrd.PLURAL + "/status"), List.of("get", "update", "patch")));
        rules.add(rule("batch", List.of("jobs"), List.of("get", "list", "watch", "create", "delete")));
        rules.add(rule("", List.of("pods"), List.of("get", "list", "watch")));
        rules.add(rule("", List.of("serviceaccounts"), List.of("get")));
        rules.add(rule("", List.of("events"), List.of("create", "patch")));
        // Leader election in its own namespace; a deleted Stack's state lock in the Stack's namespace.
        rules.add(rule("coordination.k8s.io", List.of("leases"), List.of("get", "list", "watch", "create", "update",
                "patch", "delete")));
        return object("rbac.authorization.k8s.io/v1", "ClusterRole", name, null, Map.of("rules", rules));
    }

    static Map<String, Object> clusterRoleBinding(String name, String namespace) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", name));
        fields.put("subjects", List.of(Map.of("kind", "ServiceAccount", "name", name, "namespace", namespace)));
        return object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", name, null, fields);
    }

    /** The controller's Deployment spec: its replicas take part in the leader election; one works. */
    static Map<String, Object> deploymentSpec(Config config, String account) {
        List<Object> env = new ArrayList<>();
        env.add(fieldRef("POD_NAME", "metadata.name"));
        env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
        setting(env, config, "CONVERGE_MAX_CONCURRENT_RUNS", "operator.maxConcurrentRuns", "4");
        setting(env, config, "CONVERGE_WORKERS", "operator.workers", "4");
        setting(env, config, "CONVERGE_LEADER_LEASE", "operator.leaderLease", "15s");
        setting(env, config, "CONVERGE_JOB_TTL", "operator.jobTtl", "10m");
        setting(env, config, "CONVERGE_BACKOFF", "operator.backoff", "10s");
        setting(env, config, "CONVERGE_BACKOFF_MAX", "operator.backoffMax", "5m");
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "controller");
        container.put("image", config.get("operator.image", OperatorInstall.DEFAULT_IMAGE));
        container.put("imagePullPolicy", config.get("operator.imagePullPolicy", "IfNotPresent"));
        container.put("env", env);
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("serviceAccountName", account);
        podSpec.put("terminationGracePeriodSeconds", 30L);
        podSpec.put("containers", List.of(container));
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", StackCrd.OPERATOR);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", (long) config.getInt("operator.replicas", 2));
        spec.put("selector", Map.of("matchLabels", labels));
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", podSpec));
        return spec;
    }

    private static void setting(List<Object> env, Config config, String variable, String key, String fallback) {
        env.add(Map.of("name", variable, "value", config.get(key, fallback)));
    }

    private static Map<String, Object> fieldRef(String name, String path) {
        return Map.of("name", name, "valueFrom", Map.of("fieldRef", Map.of("fieldPath", path)));
    }

    private static Map<String, Object> rule(String group, List<String> resources, List<String> verbs) {
        return Map.of("apiGroups", List.of(group), "resources", resources, "verbs", verbs);
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace,
            Map<String, Object> fields) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.putAll(fields);
        return object;
    }
}
