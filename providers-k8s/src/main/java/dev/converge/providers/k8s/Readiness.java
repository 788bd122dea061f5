package dev.converge.providers.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a workload counts as ready, decided from its live object alone (pure), by the rules of
 * {@code kubectl rollout status}: a Deployment or StatefulSet whose controller has seen the latest spec
 * ({@code status.observedGeneration >= metadata.generation}), all of whose pods run the latest template
 * ({@code status.updatedReplicas} equals the desired replicas and no pod of an older template is left in
 * {@code status.replicas}), and all of them available. Counting available pods alone is not enough: while
 * new pods crash-loop, the old ones keep the Deployment at its full available count. Other kinds are ready
 * once they exist.
 */
final class Readiness {

    private Readiness() {
    }

    static boolean applies(KindInfo kind) {
        return kind.apiVersion().equals("apps/v1")
                && (kind.kind().equals("Deployment") || kind.kind().equals("StatefulSet"));
    }

    /** Empty when ready; otherwise what is still missing, naming the failing condition. */
    static Optional<String> problem(Map<String, Object> live) {
        long generation = number(Trees.get(live, List.of("metadata", "generation")), 1);
        long observed = number(Trees.get(live, List.of("status", "observedGeneration")), -1);
        long wanted = number(Trees.get(live, List.of("spec", "replicas")), 1);
        // The API server leaves out counts that are zero.
        long available = number(Trees.get(live, List.of("status", "availableReplicas")), 0);
        long updated = number(Trees.get(live, List.of("status", "updatedReplicas")), 0);
        long total = number(Trees.get(live, List.of("status", "replicas")), 0);
        List<String> problems = new ArrayList<>();
        if (observed < generation) {
            problems.add(observed < 0 ? "the controller has not reported status (no status.observedGeneration)"
                    : "status.observedGeneration " + observed + " < metadata.generation " + generation);
        }
        if (rollsOut(live) && updated < wanted) {
            problems.add(updated + " of " + wanted + " replicas updated to the latest template");
        } else if (rollsOut(live) && total > updated) {
            problems.add((total - updated) + " replica(s) of an older template still running");
        }
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
     * The condition that says the rollout has failed for good, once the controller has seen the latest
     * spec: {@code Progressing=False} with reason {@code ProgressDeadlineExceeded} (the Deployment's own
     * {@code progressDeadlineSeconds} passed). Waiting longer cannot help.
     */
    static boolean stalled(Map<String, Object> live) {
        long generation = number(Trees.get(live, List.of("metadata", "generation")), 1);
        long observed = number(Trees.get(live, List.of("status", "observedGeneration")), -1);
        return observed >= generation && conditions(live).stream().anyMatch(c -> "Progressing".equals(c.get("type"))
                && "False".equals(c.get("status")) && "ProgressDeadlineExceeded".equals(c.get("reason")));
    }

    /** A StatefulSet updated {@code OnDelete} keeps its old pods until someone deletes them: not a rollout. */
    private static boolean rollsOut(Map<String, Object> live) {
        return !"OnDelete".equals(Trees.get(live, List.of("spec", "updateStrategy", "type")));
    }

    /** Conditions with status False (or a ReplicaFailure that is True), as {@code Type=False (Reason: message)}. */
    private static List<String> failingConditions(Map<String, Object> live) {
        List<String> result = new ArrayList<>();
        for (Map<?, ?> condition : conditions(live)) {
            Object status = condition.get("status");
            if ("False".equals(status) || ("ReplicaFailure".equals(condition.get("type")) && "True".equals(status))) {
                result.add(describe(condition));
            }
        }
        return result;
    }

    private static List<Map<?, ?>> conditions(Map<String, Object> live) {
        List<Map<?, ?>> result = new ArrayList<>();
        if (Trees.get(live, List.of("status", "conditions")) instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(item -> result.add((Map<?, ?>) item));
        }
        return result;
    }

    private static String describe(Map<?, ?> condition) {
        return "condition " + condition.get("type") + "=" + condition.get("status") + " (" + condition.get("reason")
                + ": " + condition.get("message") + ")";
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
