package dev.converge.providers.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a workload's rollout is failing, beyond what {@link Readiness} counts: whether the Deployment's own
 * progress deadline has passed (waiting longer cannot help), and what its pods say: the waiting reasons of
 * their containers ({@code CrashLoopBackOff}, {@code ErrImageNeverPull}, {@code CreateContainerConfigError},
 * ...), containers that terminated or restarted with their exit codes, and the pods the scheduler could not
 * place. The Deployment's status only counts pods; a failed
 * readiness wait names these so the message says what to fix. Best effort: a failed pod list adds nothing.
 */
final class RolloutFailure {

    static final int MAX_REASONS = 3;
    private static final KindInfo POD = Kinds.builtIn("v1", "Pod").orElseThrow();

    private final Cluster cluster;

    RolloutFailure(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Whether the rollout has failed for good, once the controller has seen the latest spec:
     * {@code Progressing=False} with reason {@code ProgressDeadlineExceeded} (the Deployment's
     * {@code progressDeadlineSeconds} passed without progress). Pure.
     */
    static boolean deadlinePassed(Map<String, Object> live) {
        Object generation = Trees.get(live, List.of("metadata", "generation"));
        Object observed = Trees.get(live, List.of("status", "observedGeneration"));
        long wanted = generation instanceof Number n ? n.longValue() : 1;
        if (!(observed instanceof Number seen) || seen.longValue() < wanted
                || !(Trees.get(live, List.of("status", "conditions")) instanceof List<?> conditions)) {
            return false;
        }
        return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Progressing".equals(m.get("type"))
                && "False".equals(m.get("status")) && "ProgressDeadlineExceeded".equals(m.get("reason")));
    }

    /** {@code "; pod web-1: container web waiting (CrashLoopBackOff: ...)"}, or empty text. */
    String podReasons(ObjectRef workload, Map<String, Object> live) {
        if (!(Trees.get(live, List.of("spec", "selector", "matchLabels")) instanceof Map<?, ?> labels) || labels.isEmpty()) {
            return "";
        }
        Map<String, String> selector = new LinkedHashMap<>();
        labels.forEach((key, value) -> selector.put(String.valueOf(key), String.valueOf(value)));
        try {
            List<String> reasons = reasons(cluster.list(POD, workload.namespace(), selector));
            return reasons.isEmpty() ? "" : "; " + String.join("; ", reasons);
        } catch (RuntimeException cannotList) {
            return "";
        }
    }

    /** The distinct reasons of the pods, at most {@link #MAX_REASONS}. Pure. */
    static List<String> reasons(List<Map<String, Object>> pods) {
        Set<String> result = new LinkedHashSet<>();
        for (Map<String, Object> pod : pods) {
            String name = String.valueOf(Trees.get(pod, List.of("metadata", "name")));
            for (String reason : ofPod(pod)) {
                if (result.size() < MAX_REASONS) {
                    result.add("pod " + name + ": " + reason);
                }
            }
        }
        return new ArrayList<>(result);
    }

    private static List<String> ofPod(Map<String, Object> pod) {
        List<String> result = new ArrayList<>();
        if (Trees.get(pod, List.of("status", "containerStatuses")) instanceof List<?> containers) {
            for (Object container : containers) {
                String state = containerState(container);
                if (state != null) {
                    result.add("container " + Trees.get(container, List.of("name")) + " " + state);
                }
            }
        }
        if (Trees.get(pod, List.of("status", "conditions")) instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if ("PodScheduled".equals(Trees.get(condition, List.of("type")))
                        && "False".equals(Trees.get(condition, List.of("status")))) {
                    result.add("not scheduled (" + Trees.get(condition, List.of("reason")) + ": "
                            + Trees.get(condition, List.of("message")) + ")");
                }
            }
        }
        return result;
    }

    /**
     * A container that is waiting (but for its image to start), has terminated, or runs after restarts: its
     * state, the restarts and the last exit code; null for one that runs without restarts or is being created.
     * A crash-looping container is seen in each of these states in turn.
     */
    private static String containerState(Object container) {
        String restarts = restarts(container);
        if (Trees.get(container, List.of("state", "waiting")) instanceof Map<?, ?> waiting && waiting.get("reason") != null
                && !"ContainerCreating".equals(waiting.get("reason"))) {
            return "waiting (" + waiting.get("reason") + (waiting.get("message") == null ? "" : ": " + waiting.get("message"))
                    + ")" + restarts;
        }
        if (Trees.get(container, List.of("state", "terminated")) instanceof Map<?, ?> terminated) {
            return "terminated (" + terminated.get("reason") + ", exit code " + terminated.get("exitCode") + ")" + restarts;
        }
        return restarts.isEmpty() ? null : "running" + restarts;
    }

    private static String restarts(Object container) {
        Object count = Trees.get(container, List.of("restartCount"));
        if (!(count instanceof Number n) || n.longValue() == 0) {
            return "";
        }
        Object exitCode = Trees.get(container, List.of("lastState", "terminated", "exitCode"));
        return ", restarted " + n.longValue() + " times" + (exitCode == null ? "" : ", last exit code " + exitCode);
    }
}
