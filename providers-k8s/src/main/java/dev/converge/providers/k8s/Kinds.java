package dev.converge.providers.k8s;

import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types of the Kubernetes provider and the built-in kind table. Pure: no I/O, so the
 * test kit can reuse it for an in-memory cluster.
 */
final class Kinds {

    static final String PROVIDER = "k8s";
    static final String MANIFEST = PROVIDER + ":Manifest";

    private static final Map<String, KindInfo> BUILT_IN = new LinkedHashMap<>();
    private static final Map<String, TypeSpec> TYPES = new LinkedHashMap<>();

    static {
        builtIn("v1", "Namespace", "namespaces", false);
        builtIn("v1", "ConfigMap", "configmaps", true);
        builtIn("v1", "Secret", "secrets", true);
        builtIn("v1", "Service", "services", true);
        builtIn("v1", "ServiceAccount", "serviceaccounts", true);
        builtIn("v1", "Pod", "pods", true);
        builtIn("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true);
        builtIn("v1", "PersistentVolume", "persistentvolumes", false);
        builtIn("apps/v1", "Deployment", "deployments", true);
        builtIn("apps/v1", "StatefulSet", "statefulsets", true);
        builtIn("apps/v1", "DaemonSet", "daemonsets", true);
        builtIn("batch/v1", "Job", "jobs", true);
        builtIn("batch/v1", "CronJob", "cronjobs", true);
        builtIn("networking.k8s.io/v1", "Ingress", "ingresses", true);
        builtIn("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true);
        builtIn("rbac.authorization.k8s.io/v1", "Role", "roles", true);
        builtIn("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true);
        builtIn("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false);
        builtIn("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false);
        builtIn("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
        builtIn("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true);
        builtIn("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false);
        builtIn("coordination.k8s.io/v1", "Lease", "leases", true);

        typed("Namespace", Map.of());
        typed("ConfigMap", props(PropertySchema.map("data").describedAs("string entries")));
        typed("Secret", props(PropertySchema.map("data").asSensitive().describedAs("string entries, kept secret"),
                PropertySchema.string("type").asForceNew().defaultValue("Opaque")));
        typed("Deployment", props(spec()));
        typed("StatefulSet", props(spec()));
        typed("Service", props(spec()));
        typed("Ingress", props(spec()));
        typed("ServiceAccount", Map.of());
        typed("Role", props(PropertySchema.list("rules").asRequired()));
        typed("RoleBinding", props(PropertySchema.map("roleRef").asRequired().asForceNew()
                .describedAs("immutable in Kubernetes: a change replaces the binding"),
                PropertySchema.list("subjects")));
        typed("HorizontalPodAutoscaler", props(spec()));
        ResourceSchema manifest = ResourceSchema.builder(MANIFEST)
                .property(PropertySchema.map("manifest").asRequired()
                        .describedAs("the whole object: apiVersion, kind, metadata.name and the rest"))
                .property(PropertySchema.string("plural")
                        .describedAs("URL plural of a custom kind when it is not its lower-case kind + s"))
                .property(PropertySchema.bool("clusterScoped").describedAs("true for cluster-scoped custom kinds"))
                .output("uid").output("status").build();
        TYPES.put(MANIFEST, new TypeSpec(null, manifest, Map.of("manifest", List.of())));
    }

    private Kinds() {
    }

    private static void builtIn(String apiVersion, String kind, String plural, boolean namespaced) {
        BUILT_IN.put(kind + "." + apiVersion, new KindInfo(apiVersion, kind, plural, namespaced));
    }

    private static PropertySchema spec() {
        return PropertySchema.map("spec").asRequired().describedAs("the object's spec, as in a manifest");
    }

    private static Map<String, PropertySchema> props(PropertySchema... extra) {
        Map<String, PropertySchema> result = new LinkedHashMap<>();
        for (PropertySchema property : extra) {
            result.put(property.name(), property);
        }
        return result;
    }

    /** A typed resource: metadata properties, then the kind's own properties at the top level. */
    private static void typed(String kindName, Map<String, PropertySchema> own) {
        KindInfo kind = BUILT_IN.values().stream().filter(k -> k.kind().equals(kindName)).findFirst().orElseThrow();
        String type = PROVIDER + ":" + kindName;
        ResourceSchema.Builder schema = ResourceSchema.builder(type)
                .property(PropertySchema.string("name").asRequired().asForceNew().describedAs("metadata.name"));
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("name", List.of("metadata", "name"));
        if (kind.namespaced()) {
            schema.property(PropertySchema.string("namespace").asForceNew().asComputed()
                    .describedAs("defaults to the provider's k8s.namespace"));
            paths.put("namespace", List.of("metadata", "namespace"));
        }
        schema.property(PropertySchema.map("labels")).property(PropertySchema.map("annotations"));
        paths.put("labels", List.of("metadata", "labels"));
        paths.put("annotations", List.of("metadata", "annotations"));
        own.forEach((name, property) -> {
            schema.property(property);
            paths.put(name, List.of(name));
        });
        schema.output("uid").output("status");
        if (kindName.equals("Service")) {
            schema.output("clusterIP");
        }
        TYPES.put(type, new TypeSpec(kind, schema.build(), paths));
    }

    /** The lookup types (an existing Namespace or Secret); see {@link KubernetesLookups}. */
    static Collection<ResourceSchema> lookupSchemas() {
        return KubernetesLookups.SCHEMAS;
    }

    static Collection<ResourceSchema> schemas() {
        List<ResourceSchema> result = new ArrayList<>();
        TYPES.values().forEach(spec -> result.add(spec.schema()));
        return result;
    }

    static Optional<TypeSpec> spec(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    static TypeSpec require(String type) {
        return spec(type).orElseThrow(() -> new IllegalArgumentException("unknown resource type " + type
                + "; the k8s provider has " + String.join(", ", TYPES.keySet())));
    }

    /** The built-in entry for a kind, or empty for custom resources. */
    static Optional<KindInfo> builtIn(String apiVersion, String kind) {
        return Optional.ofNullable(BUILT_IN.get(kind + "." + apiVersion));
    }

    /** The typed resource type of a kind, or {@code k8s:Manifest} when it has none. */
    static String typeOf(KindInfo kind) {
        return TYPES.values().stream().filter(spec -> kind.equals(spec.kind())).map(TypeSpec::type).findFirst()
                .orElse(MANIFEST);
    }

    static Collection<TypeSpec> typed() {
        return TYPES.values().stream().filter(spec -> !spec.isManifest()).toList();
    }
}
