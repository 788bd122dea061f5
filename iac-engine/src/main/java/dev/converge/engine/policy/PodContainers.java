package dev.converge.engine.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the containers of a Kubernetes workload's pod template, whatever the kind. */
final class PodContainers {

    private PodContainers() {
    }

    /** The container maps of a pod-owning Kubernetes resource; empty for any other resource. */
    static List<Map<?, ?>> of(PlannedResource resource) {
        if (!StarterPolicies.POD_OWNERS.contains(resource.type())) {
            return List.of();
        }
        Object spec = resource.properties().get("spec");
        Object podSpec = switch (resource.type()) {
            case "k8s:Pod" -> spec;
            case "k8s:CronJob" -> path(spec, "jobTemplate", "spec", "template", "spec");
            default -> path(spec, "template", "spec");
        };
        List<Map<?, ?>> containers = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
            if (path(podSpec, key) instanceof List<?> list) {
                list.stream().filter(Map.class::isInstance).forEach(c -> containers.add((Map<?, ?>) c));
            }
        }
        return containers;
    }

    static Object path(Object value, String... keys) {
        Object current = value;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
