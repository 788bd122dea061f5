package dev.converge.providers.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a started container is ready: running (and still running a moment later, so a
 * command that exits at once is caught) and, with a healthcheck, healthy. Reports why it is not,
 * with the container's last log lines.
 */
final class ContainerReadiness {

    /** How long a container without healthcheck must keep running to count as started. */
    static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_LINES = 20;

    private final DockerConnection docker;

    ContainerReadiness(DockerConnection docker) {
        this.docker = docker;
    }

    /** Null when ready within {@code timeout}; otherwise why not, with the last log lines. */
    String awaitReady(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Instant runningSince = null;
        String lastState = "created";
        while (true) {
            InspectContainerResponse inspect = docker.call("inspect container " + id,
                    () -> docker.client().inspectContainerCmd(id).exec());
            InspectContainerResponse.ContainerState state = inspect.getState();
            lastState = describe(state);
            if (Boolean.TRUE.equals(state.getRestarting()) || "exited".equals(state.getStatus())
                    || "dead".equals(state.getStatus())) {
                return "it " + lastState + logs(id);
            }
            if (Boolean.TRUE.equals(state.getRunning())) {
                HealthState health = state.getHealth();
                if (health != null && health.getStatus() != null && !health.getStatus().equals("none")) {
                    if (health.getStatus().equals("healthy")) {
                        return null;
                    }
                    if (health.getStatus().equals("unhealthy")) {
                        return "its healthcheck reports unhealthy" + healthLog(health) + logs(id);
                    }
                } else {
                    runningSince = runningSince == null ? Instant.now() : runningSince;
                    if (Duration.between(runningSince, Instant.now()).compareTo(SETTLE) >= 0) {
                        return null;
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return "it was not ready within " + timeout.toSeconds() + " s (state: " + lastState + ")" + logs(id);
            }
            sleep(POLL);
        }
    }

    private static String describe(InspectContainerResponse.ContainerState state) {
        String status = state.getStatus() == null ? "unknown" : state.getStatus();
        if ("exited".equals(status) || "dead".equals(status)) {
            return status + " with code " + state.getExitCodeLong()
                    + (state.getError() == null || state.getError().isEmpty() ? "" : " (" + state.getError() + ")");
        }
        return Boolean.TRUE.equals(state.getRestarting()) ? "keeps restarting" : status;
    }

    private static String healthLog(HealthState health) {
        if (health.getLog() == null || health.getLog().isEmpty()) {
            return "";
        }
        var last = health.getLog().get(health.getLog().size() - 1);
        return " (last check exit code " + last.getExitCodeLong() + ": "
                + String.valueOf(last.getOutput()).strip() + ")";
    }

    /** The container's last log lines, as a message suffix. */
    String logs(String id) {
        List<String> lines = new ArrayList<>();
        try {
            docker.client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(LOG_LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (lines) {
                                lines.add(new String(frame.getPayload(), StandardCharsets.UTF_8).stripTrailing());
                            }
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "; its logs could not be read: " + e.getMessage();
        }
        synchronized (lines) {
            return lines.isEmpty() ? "; it logged nothing"
                    : "; its last log lines:\n  " + String.join("\n  ", lines);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a container", e);
        }
    }
}
