package dev.converge.providers.k8s;

import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import java.util.List;
import java.util.Map;

/**
 * A program with one object of every typed kind plus a CustomResourceDefinition and a custom resource
 * of it (both {@code k8s:Manifest}), as a user would write them: only the fields that matter declared,
 * everything else left to the API server's defaults. Runs without a node: the workloads have zero
 * replicas. {@code suffix} keeps the cluster-scoped names (Namespace, CRD group) apart between tests.
 *
 * @param suffix makes the cluster-scoped names unique
 * @param image the Deployment's and StatefulSet's image (a change is an update)
 */
record EveryKind(String suffix, String image) implements Program {

    String group() {
        return "it" + suffix + ".converge.dev";
    }

    String extraNamespace() {
        return "extra-" + suffix;
    }

    @Override
    public void define(Stack stack) {
        stack.add(Namespace.of(extraNamespace()).label("team", "payments"));
        stack.add(ConfigMap.of("settings").data("LOG_LEVEL", "info").label("app", "shop"));
        stack.add(Secret.of("db").data("password", "s3cr3t"));
        Ref<KubernetesObject> web = stack.add(Deployment.of("web").image(image).replicas(0L).port(8080)
                .env("LOG_LEVEL", "info").label("app", "web"));
        stack.add(StatefulSet.of("pg").image(image).replicas(0L).port(5432).specField("pg", "serviceName"));
        Ref<KubernetesObject> service = stack.add(Service.of("web-svc").selector("app", "web").port(80, 8080));
        stack.add(Ingress.of("web-routes").ingressClass("nginx")
                .route("shop.local", "/", service.output(KubernetesObject::name), 80));
        Ref<KubernetesObject> account = stack.add(ServiceAccount.of("runner"));
        Ref<KubernetesObject> role = stack.add(Role.of("reader").rule(List.of(""), List.of("configmaps"),
                List.of("get", "list")));
        stack.add(RoleBinding.of("runner-reads").role(role.output(KubernetesObject::name))
                .serviceAccount(account.output(KubernetesObject::name), account.output(KubernetesObject::namespace)));
        stack.add(HorizontalPodAutoscaler.of("web-scaler").scales(web.output(KubernetesObject::name)).replicas(1, 3)
                .cpuUtilization(80));
        Ref<KubernetesObject> crd = stack.add(Manifest.of("widgets-crd", crd()));
        Output<String> established = crd.output(KubernetesObject::name);
        stack.add(Manifest.of("widget", Map.of("apiVersion", group() + "/v1", "kind", "Widget",
                "metadata", Map.of("name", "w1", "annotations", Map.of("crd", established)),
                "spec", Map.of("size", 3L, "colour", "blue"))));
    }

    /** A namespaced CRD {@code widgets.<group>} with a structural schema (spec.size, spec.colour). */
    Map<String, Object> crd() {
        Map<String, Object> spec = Map.of("type", "object", "properties", Map.of(
                "size", Map.of("type", "integer"), "colour", Map.of("type", "string")));
        Map<String, Object> schema = Map.of("openAPIV3Schema", Map.of("type", "object",
                "properties", Map.of("spec", spec)));
        return Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", "widgets." + group()),
                "spec", Map.of("group", group(), "scope", "Namespaced",
                        "names", Map.of("plural", "widgets", "singular", "widget", "kind", "Widget"),
                        "versions", List.of(Map.of("name", "v1", "served", true, "storage", true,
                                "schema", schema))));
    }
}
