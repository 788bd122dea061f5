package dev.converge.operator.controller;

import dev.converge.operator.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The controller's settings, from its environment (the install program sets them on the Deployment).
 * Immutable.
 *
 * @param namespace where the controller runs and keeps its leader Lease ({@code POD_NAMESPACE})
 * @param identity this replica's name in the leader election ({@code POD_NAME}, else the host name)
 * @param maxConcurrentRuns at most this many Jobs run at once, across all stacks ({@code CONVERGE_MAX_CONCURRENT_RUNS})
 * @param workers threads reconciling stacks ({@code CONVERGE_WORKERS})
 * @param leaseDuration how long a leader's Lease lasts without renewal ({@code CONVERGE_LEADER_LEASE})
 * @param jobTtl how long finished Jobs stay for {@code kubectl logs} ({@code CONVERGE_JOB_TTL})
 * @param backoffBase the wait after a first failed run; it doubles with every further failure ({@code CONVERGE_BACKOFF})
 * @param backoffMax the longest wait between failed runs ({@code CONVERGE_BACKOFF_MAX})
 * @param defaultCommand the runner's command in images built FROM converge/operator
 */
record OperatorSettings(String namespace, String identity, int maxConcurrentRuns, int workers, Duration leaseDuration,
        Duration jobTtl, Duration backoffBase, Duration backoffMax, List<String> defaultCommand) {

    /** The runner in the layout of Converge's operator image: Converge in /opt/converge/lib, the program beside it. */
    static final List<String> RUNNER_COMMAND = List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", "/opt/converge/lib/*:/opt/converge/program/*",
            "dev.converge.operator.runner.StackJob");

    OperatorSettings {
        defaultCommand = List.copyOf(defaultCommand);
        if (maxConcurrentRuns < 1 || workers < 1) {
            throw new IllegalArgumentException("CONVERGE_MAX_CONCURRENT_RUNS and CONVERGE_WORKERS must be at least 1");
        }
    }

    /** Leader election: renew within two thirds of the lease, retry every tenth of it (at least a second). */
    Duration renewDeadline() {
        return leaseDuration.multipliedBy(2).dividedBy(3);
    }

    Duration retryPeriod() {
        Duration tenth = leaseDuration.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }

    /** The wait before the next run after {@code failures} failed runs in a row, at most the interval. */
    Duration backoff(int failures, Duration interval) {
        Duration wait = backoffBase;
        for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        wait = wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
        return wait.compareTo(interval) > 0 ? interval : wait;
    }

    static OperatorSettings from(Map<String, String> env) {
        String identity = env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME", "converge-operator"));
        return new OperatorSettings(env.getOrDefault("POD_NAMESPACE", "converge-system"), identity,
                Integer.parseInt(env.getOrDefault("CONVERGE_MAX_CONCURRENT_RUNS", "4")),
                Integer.parseInt(env.getOrDefault("CONVERGE_WORKERS", "4")),
                duration(env, "CONVERGE_LEADER_LEASE", "15s"), duration(env, "CONVERGE_JOB_TTL", "10m"),
                duration(env, "CONVERGE_BACKOFF", "10s"), duration(env, "CONVERGE_BACKOFF_MAX", "5m"), RUNNER_COMMAND);
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        try {
            return Durations.parse(env.getOrDefault(name, fallback));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
