package dev.converge.bench.k8s;

import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.providers.k8s.ConfigMap;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * N Kubernetes objects in one namespace for the comparison with {@code kubectl apply}: a third each
 * Deployments (zero replicas, so no node is needed), Services and ConfigMaps, app {@code i} having one of
 * each. {@link #yaml} writes the same objects as a manifest for kubectl, so both tools manage identical
 * objects (each in a namespace of its own).
 *
 * @param size how many objects
 * @param namespace where they live
 */
public record K8sBenchProgram(int size, String namespace) implements Program {

    static final String IMAGE = "converge/busybox:1";

    /** The kinds in the order objects are numbered: object {@code i} is of kind {@code i % 3}. */
    private static final List<String> KINDS = List.of("Deployment", "Service", "ConfigMap");

    @Override
    public void define(Stack stack) {
        for (int i = 0; i < size; i++) {
            String app = "app-" + i / KINDS.size();
            switch (KINDS.get(i % KINDS.size())) {
                case "Deployment" -> stack.add(Deployment.of(app).namespace(namespace).image(IMAGE).replicas(0L)
                        .port(8080).env("INDEX", Integer.toString(i)));
                case "Service" -> stack.add(Service.of(app + "-svc").objectName(app).namespace(namespace)
                        .selector("app", app).port(80, 8080));
                default -> stack.add(ConfigMap.of(app + "-config").namespace(namespace).data("INDEX", Integer.toString(i))
                        .data("MODE", "bench"));
            }
        }
    }

    /** The same objects as a multi-document YAML manifest for {@code kubectl apply -f}. */
    public String yaml() {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String app = "app-" + i / KINDS.size();
            documents.add(switch (KINDS.get(i % KINDS.size())) {
                case "Deployment" -> """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: %1$s, namespace: %2$s}
                        spec:
                          replicas: 0
                          selector: {matchLabels: {app: %1$s}}
                          template:
                            metadata: {labels: {app: %1$s}}
                            spec:
                              containers:
                              - name: %1$s
                                image: %3$s
                                ports: [{containerPort: 8080}]
                                env: [{name: INDEX, value: "%4$d"}]
                        """.formatted(app, namespace, IMAGE, i);
                case "Service" -> """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: %1$s, namespace: %2$s}
                        spec:
                          selector: {app: %1$s}
                          ports: [{name: p80, port: 80, targetPort: 8080}]
                        """.formatted(app, namespace);
                default -> """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: %1$s-config, namespace: %2$s}
                        data: {INDEX: "%3$d", MODE: bench}
                        """.formatted(app, namespace, i);
            });
        }
        return String.join("---\n", documents);
    }
}
