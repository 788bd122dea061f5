package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HorizontalPodAutoscaler ({@code k8s:HorizontalPodAutoscaler}, autoscaling/v2). Leave
 * {@code replicas} unset on the workload it scales: Converge then neither reports nor overwrites
 * the replica count the autoscaler chooses.
 */
public final class HorizontalPodAutoscaler extends KubernetesResource<HorizontalPodAutoscaler> {

    private HorizontalPodAutoscaler(Declaration declaration) {
        super(declaration);
    }

    /** A HorizontalPodAutoscaler whose Kubernetes name is {@code name}. */
    public static HorizontalPodAutoscaler of(String name) {
        return new HorizontalPodAutoscaler(declare("HorizontalPodAutoscaler", name));
    }

    @Override
    protected HorizontalPodAutoscaler wrap(Declaration next) {
        return new HorizontalPodAutoscaler(next);
    }

    /** Replaces the whole spec, as written in a manifest. */
    public HorizontalPodAutoscaler spec(Map<String, Object> spec) {
        return with("spec", spec);
    }

    /** Scales the Deployment named {@code deployment}. */
    public HorizontalPodAutoscaler scales(Object deployment) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("apiVersion", "apps/v1");
        target.put("kind", "Deployment");
        target.put("name", deployment);
        return withPath("spec", target, "scaleTargetRef");
    }

    public HorizontalPodAutoscaler replicas(int min, int max) {
        return withPath("spec", (long) min, "minReplicas").withPath("spec", (long) max, "maxReplicas");
    }

    /** Targets an average CPU utilization, in percent of the requests. */
    public HorizontalPodAutoscaler cpuUtilization(int percent) {
        Map<String, Object> metric = Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                "target", Map.of("type", "Utilization", "averageUtilization", (long) percent)));
        return withPath("spec", List.of(metric), "metrics");
    }
}
