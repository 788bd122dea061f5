package dev.converge.operator.controller;

import dev.converge.operator.JobResult;
import dev.converge.operator.JobResultCodec;
import dev.converge.operator.StackCrd;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a run's Job and pods: whether it finished, the {@link JobResult} its runner left in the termination
 * message, or why it ended without one (its pod cannot start: the image is not there, a ConfigMap or Secret
 * does not exist; it was killed; its deadline passed). Pure.
 */
final class JobOutcome {

    /** A run that ended, or must be ended, without a result. */
    record Failure(String reason, String message) {
    }

    private static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull",
            "InvalidImageName", "RegistryUnavailable");
    private static final Set<String> START_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    /** How long a finished Job's pod may lag behind in the cache. */
    static final Duration CACHE_LAG = Duration.ofSeconds(30);

    private JobOutcome() {
    }

    static boolean finished(Job job) {
        return conditions(job).stream().anyMatch(c -> "True".equals(c.getStatus())
                && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
    }

    /** A pod of a running Job that cannot start and will not by itself: the run is ended with this failure. */
    static Optional<Failure> stuck(List<Pod> pods, String image) {
        for (Pod pod : pods) {
            for (ContainerStatus container : containers(pod)) {
                ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting == null || waiting.getReason() == null) {
                    continue;
                }
                String detail = waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
                if (IMAGE_REASONS.contains(waiting.getReason())) {
                    return Optional.of(new Failure("ImageNotAvailable", "the image " + image + " cannot be run ("
                            + detail + "): import it into the node's runtime or push it to a registry the node"
                            + " reaches, or fix spec.image"));
                }
                if (START_REASONS.contains(waiting.getReason())) {
                    return Optional.of(configFailure(detail));
                }
            }
        }
        return Optional.empty();
    }

    private static Failure configFailure(String detail) {
        String lower = detail.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("secret")) {
            return new Failure("SecretNotFound", "the run cannot start (" + detail + "): create the Secret in the"
                    + " Stack's namespace, or fix spec.secretRefs");
        }
        if (lower.contains("configmap")) {
            return new Failure("ConfigMapNotFound", "the run cannot start (" + detail + "): create the ConfigMap in"
                    + " the Stack's namespace, or fix spec.configMapRefs");
        }
        return new Failure("ContainerNotStarted", "the run cannot start (" + detail + ")");
    }

    /**
     * The result of a finished Job: the runner's report, or a failure naming how the pod ended. Empty while
     * the pod's final state has not reached the cache yet (for at most {@link #CACHE_LAG} after the Job ended).
     */
    static Optional<Result> of(Job job, List<Pod> pods, Instant now) {
        for (Pod pod : pods) {
            for (ContainerStatus container : containers(pod)) {
                ContainerStateTerminated end = container.getState() == null ? null
                        : container.getState().getTerminated();
                if (StackCrd.CONTAINER.equals(container.getName()) && end != null) {
                    return Optional.of(fromTermination(end));
                }
            }
        }
        Optional<JobCondition> ended = conditions(job).stream().filter(c -> "True".equals(c.getStatus())
                && ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))).findFirst();
        Instant endedAt = ended.map(JobCondition::getLastTransitionTime).map(Instant::parse).orElse(now);
        if (!pods.isEmpty() && Duration.between(endedAt, now).compareTo(CACHE_LAG) < 0) {
            return Optional.empty();
        }
        String reason = ended.map(JobCondition::getReason).orElse("");
        String message = ended.map(JobCondition::getMessage).orElse("");
        if ("DeadlineExceeded".equals(reason)) {
            return Optional.of(new Result(null, new Failure("RunTimedOut", "the run took longer than spec.timeout"
                    + " and was stopped: " + message)));
        }
        return Optional.of(new Result(null, new Failure("ResultLost", "the Job ended (" + reason + " " + message
                + ") but its pod's result cannot be read: the pod is gone or never ran")));
    }

    /** Either the runner's result or a failure. */
    record Result(JobResult result, Failure failure) {
    }

    private static Result fromTermination(ContainerStateTerminated end) {
        String tail = end.getMessage() == null ? "" : end.getMessage().strip();
        // The termination file, or (FallbackToLogsOnError) the log's tail, whose "result: " line is the report.
        Optional<JobResult> reported = JobResultCodec.decode(tail).or(() -> tail.lines()
                .filter(line -> line.startsWith(JobResultCodec.LOG_PREFIX)).reduce((a, b) -> b)
                .flatMap(line -> JobResultCodec.decode(line.substring(JobResultCodec.LOG_PREFIX.length()))));
        if (reported.isPresent()) {
            return new Result(reported.get(), null);
        }
        String how = end.getExitCode() != null && end.getExitCode() == 137
                ? "was killed (exit code 137" + ("OOMKilled".equals(end.getReason()) ? ", out of memory" : "") + ")"
                : "ended with exit code " + end.getExitCode() + " (" + end.getReason() + ")";
        return new Result(null, new Failure("RunnerCrashed", "the runner " + how + " before it reported a result"
                + (tail.isEmpty() ? "" : "; the end of its log: " + String.join(" | ", lastLines(tail, 3)))));
    }

    private static List<String> lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    private static List<ContainerStatus> containers(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    private static List<JobCondition> conditions(Job job) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions();
    }
}
