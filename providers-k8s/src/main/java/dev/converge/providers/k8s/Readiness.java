package dev.converge.providers.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When an object counts as ready, decided from its live object alone (pure): a Deployment or
 * StatefulSet whose controller has seen the latest spec ({@code status.observedGeneration >=
 * metadata.generation}) and whose available replicas equal the desired replicas; a
 * CustomResourceDefinition once it is {@code Established} (before that, the API server answers its
 * custom resources with 404, which the real server showed a custom resource created right after its CRD
 * could hit). Other kinds are ready once they exist.
 */
final class Readiness {

    /** The readiness rule of a kind. */
    enum Rule { WORKLOAD, ESTABLISHED, EXISTS }

    private Readiness() {
    }

    static Rule ruleOf(KindInfo kind) {
        if (kind.apiVersion().equals("apps/v1") && (kind.kind().equals("Deployment") || kind.kind().equals("StatefulSet"))) {
            return Rule.WORKLOAD;
        }
        boolean crd = kind.apiVersion().equals("apiextensions.k8s.io/v1") && kind.kind().equals("CustomResourceDefinition");
        return crd ? Rule.ESTABLISHED : Rule.EXISTS;
    }

    static boolean applies(KindInfo kind) {
        return ruleOf(kind) != Rule.EXISTS;
    }

    /** Empty when ready; otherwise what is still missing, naming the failing conditions. */
    static Optional<String> problem(KindInfo kind, Map<String, Object> live) {
        return switch (ruleOf(kind)) {
            case WORKLOAD -> problem(live);
            case ESTABLISHED -> established(live);
            case EXISTS -> Optional.empty();
        };
    }

    private static Optional<String> established(Map<String, Object> live) {
        Object conditions = Trees.get(live, List.of("status", "conditions"));
        if (conditions instanceof List<?> list && list.stream().anyMatch(c -> c instanceof Map<?, ?> m
                && "Established".equals(m.get("type")) && "True".equals(m.get("status")))) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>(List.of("the CustomResourceDefinition is not Established yet"));
        problems.addAll(failingConditions(live));
        return Optional.of(String.join("; ", problems));
    }

    /**
     * A workload's problem: empty when rolled out, as {@code kubectl rollout status} decides it; otherwise what
     * is still missing, naming the failing conditions. Right after a template change the real controller
     * reports the new generation as observed while the old pods are still the available ones (none updated
     * yet), so observed generation and available replicas alone would call a rollout done before it began.
     */
    static Optional<String> problem(Map<String, Object> live) {
        long generation = number(Trees.get(live, List.of("metadata", "generation")), 1);
        long observed = number(Trees.get(live, List.of("status", "observedGeneration")), -1);
        long wanted = number(Trees.get(live, List.of("spec", "replicas")), 1);
        long available = number(Trees.get(live, List.of("status", "availableReplicas")), 0);
        List<String> problems = new ArrayList<>();
        if (observed < generation) {
            problems.add(observed < 0 ? "the controller has not reported status (no status.observedGeneration)"
                    : "status.observedGeneration " + observed + " < metadata.generation " + generation);
        }
        updateProblems(live, wanted).forEach(problems::add);
        if (available != wanted) {
            problems.add(available + " of " + wanted + " replicas available");
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        failingConditions(live).forEach(problems::add);
        return Optional.of(String.join("; ", problems));
    }

    /**
     * Pods not yet at the latest template, and old pods still there. A StatefulSet updated {@code OnDelete}
     * waits for nobody (its pods change when someone deletes them); one with a {@code partition} updates
     * only the pods from that ordinal up.
     */
    private static List<String> updateProblems(Map<String, Object> live, long wanted) {
        if ("OnDelete".equals(Trees.get(live, List.of("spec", "updateStrategy", "type")))) {
            return List.of();
        }
        long partition = number(Trees.get(live, List.of("spec", "updateStrategy", "rollingUpdate", "partition")), 0);
        long toUpdate = Math.max(0, wanted - partition);
        long updated = number(Trees.get(live, List.of("status", "updatedReplicas")), 0);
        long total = number(Trees.get(live, List.of("status", "replicas")), 0);
        List<String> problems = new ArrayList<>();
        if (updated < toUpdate) {
            problems.add(updated + " of " + toUpdate + " replicas updated");
        }
        if (partition == 0 && total > updated) {
            problems.add((total - updated) + " old replicas pending termination");
        }
        return problems;
    }

    /** Conditions with status False (or a ReplicaFailure that is True), as {@code Type=False (Reason: message)}. */
    private static List<String> failingConditions(Map<String, Object> live) {
        List<String> result = new ArrayList<>();
        Object conditions = Trees.get(live, List.of("status", "conditions"));
        if (!(conditions instanceof List<?> list)) {
            return result;
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> condition) {
                Object type = condition.get("type");
                Object status = condition.get("status");
                boolean failing = "False".equals(status) || ("ReplicaFailure".equals(type) && "True".equals(status));
                if (failing) {
                    result.add("condition " + type + "=" + status + " (" + condition.get("reason") + ": "
                            + condition.get("message") + ")");
                }
            }
        }
        return result;
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
