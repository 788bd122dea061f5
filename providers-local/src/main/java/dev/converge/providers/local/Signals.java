package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.spi.ProviderException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process started by this provider, with its whole process group. Stateless and thread-safe.
 */
final class Signals {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration KILL_WAIT = Duration.ofSeconds(3);
    private static final String KILL = findKill();

    private Signals() {
    }

    /**
     * Sends SIGTERM to the process group led by {@code pid}, waits up to {@code grace} for the leader to
     * exit, then sends SIGKILL; finally kills what is left of the group. Does nothing when {@code pid}
     * no longer is the process that started at {@code startTime}.
     *
     * @return false if the process was already gone
     * @throws ProviderException if it survives SIGKILL
     */
    static boolean stop(Address address, long pid, long startTime, Duration grace) {
        if (!ProcessTable.isSameProcess(pid, startTime)) {
            return false;
        }
        signal(pid, "TERM");
        if (!awaitExit(pid, startTime, grace)) {
            signal(pid, "KILL");
            if (!awaitExit(pid, startTime, KILL_WAIT)) {
                throw ProviderException.retryable(address + ": process " + pid + " survived SIGKILL; "
                        + "it may be stuck in the kernel (state D); try again or reboot");
            }
        }
        killLeftovers(pid);
        return true;
    }

    /** Waits until the process is gone; true if it went within {@code timeout}. */
    static boolean awaitExit(long pid, long startTime, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessTable.isSameProcess(pid, startTime)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(POLL);
        }
        return true;
    }

    /** Children that ignored SIGTERM or outlived their leader still belong to its group. */
    private static void killLeftovers(long group) {
        if (ProcessTable.hasProcFs() && !ProcessTable.groupMembers(group).isEmpty()) {
            signal(group, "KILL");
        }
    }

    /**
     * Signals the group when {@code pid} leads its own group (started with setsid), otherwise only
     * the process itself: never the caller's group.
     */
    private static void signal(long pid, String signal) {
        boolean leader = ProcessTable.stat(pid).map(stat -> stat.processGroup() == pid)
                .orElse(!ProcessTable.hasProcFs());
        String target = leader ? "-" + pid : Long.toString(pid);
        if (!run(List.of(KILL, "-" + signal, "--", target))) {
            // No kill program: the JDK can signal the process itself (and its children) directly.
            ProcessHandle.of(pid).ifPresent(handle -> {
                handle.descendants().forEach(child -> destroy(child, signal));
                destroy(handle, signal);
            });
        }
    }

    private static void destroy(ProcessHandle handle, String signal) {
        if ("KILL".equals(signal)) {
            handle.destroyForcibly();
        } else {
            handle.destroy();
        }
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String findKill() {
        for (String candidate : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "kill";
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable("interrupted while waiting for a local process", e);
        }
    }
}
