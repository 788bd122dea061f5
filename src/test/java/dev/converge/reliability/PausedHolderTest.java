package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.LocalStateBackend;
import dev.converge.spi.state.LockInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second host, simulated: a forked JVM with another host identity holds the stack's lock and is
 * paused with SIGSTOP (its heartbeat with it) while it refreshes. Another run is refused while the
 * holder's heartbeat is within the lease, takes the lock over once it has been silent for the lease
 * (not before), and converges. Then the paused holder is resumed with SIGCONT: it finds out before its
 * next state write that it lost the lock and stops with an error naming the lock, without changing a
 * byte of state, journal or history, and without touching the cloud.
 */
class PausedHolderTest {

    private static final String LEASE = "6s";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(6);
    private static final Pattern SILENT = Pattern.compile("heartbeat has been silent for (\\d+(?:\\.\\d)?) s");

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void stopHolder() throws IOException, InterruptedException {
        if (holder != null && holder.isAlive()) {
            signal("CONT", holder);
            holder.destroyForcibly();
        }
    }

    @Test
    void aHolderPausedPastItsLeaseIsTakenOverOnlyOnceItLapsedAndIsFencedWhenItResumes() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        assertThat(stack.cli(1, "apply", "--auto-approve").exitCode()).isZero();
        Path log = dir.resolve("paused.log");
        holder = Forks.start(log, List.of("-D" + LockConcurrencyTest.HOST_OVERRIDE + "=paused-host/paused-boot"),
                Map.of("CONVERGE_LOCK_LEASE", LEASE), LockConcurrencyTest.args(stack, "0,700", 2, "apply",
                        "--auto-approve", "--parallelism", "1"));
        LockInfo held = awaitLockOf(stack, "paused-host");
        signal("STOP", holder); // while it refreshes (700 ms per read): no provider write is under way
        Thread.sleep(300);
        LockInfo lastBeat = lock(stack).orElseThrow();
        assertThat(lastBeat.id()).isEqualTo(held.id());
        Map<String, String> paused = Dirs.hashes(stack.workDir.resolve(".converge"));

        CloudStack.Run early = stack.cli(CrashPrograms.version(2, null), LockConcurrencyTest.lease(LEASE), "apply",
                "--auto-approve", "--stack", CloudStack.STACK);
        assertThat(early.exitCode()).as("within the lease the lock is kept\n%s", early.all()).isEqualTo(1);
        assertThat(early.err()).contains("is locked: lock " + held.id()).contains("@paused-host")
                .contains("heartbeat silent").contains("of 6 s").doesNotContain(CloudStack.TAKEOVER);
        assertThat(Dirs.hashes(stack.workDir.resolve(".converge"))).as("a refused run changes no byte")
                .isEqualTo(paused);

        CloudStack.Run late = stack.cli(CrashPrograms.version(2, null), LockConcurrencyTest.lease(LEASE), "apply",
                "--auto-approve", "--lock-timeout", "60s", "--stack", CloudStack.STACK);
        Instant finished = Instant.now();
        assertThat(late.exitCode()).as(late.all()).isZero();
        assertThat(late.err()).contains(CloudStack.TAKEOVER).contains("@paused-host (pid " + holder.pid())
                .contains("lock " + held.id()).contains("longer than the lease of 6 s");
        Matcher silent = SILENT.matcher(late.err());
        assertThat(silent.find()).isTrue();
        assertThat(Double.parseDouble(silent.group(1))).as("silent for at least the lease when taken")
                .isGreaterThanOrEqualTo(6.0);
        assertThat(finished).as("not taken before the lease lapsed").isAfter(lastBeat.heartbeatAt().plus(LEASE_DURATION));
        Map<String, String> taken = Dirs.hashes(stack.workDir.resolve(".converge"));

        signal("CONT", holder);
        assertThat(holder.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String resumed = Forks.read(log);
        assertThat(holder.exitValue()).as(resumed).isEqualTo(1);
        assertThat(resumed).contains("this run lost the lock").contains(held.id()).contains("stopped without writing")
                .doesNotContain("Apply complete");
        assertThat(Dirs.hashes(stack.workDir.resolve(".converge")))
                .as("the fenced holder changed no byte of state, journal or history").isEqualTo(taken);
        stack.assertConverged(2, "after the fenced holder stopped");
        System.out.printf("PAUSED HOLDER: taken over after %s s of silence (lease 6 s); the resumed holder stopped "
                + "with: %s%n", silent.group(1), resumed.lines().filter(l -> l.contains("lost the lock")).findFirst()
                .orElse(""));
    }

    /** Waits until the holder's lock, of the simulated host, is in lock.json. */
    private LockInfo awaitLockOf(CloudStack stack, String host) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && holder.isAlive()) {
            Optional<LockInfo> lock = lock(stack);
            if (lock.isPresent() && host.equals(lock.get().host())) {
                return lock.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the holder never took the lock\n" + Forks.read(dir.resolve("paused.log")));
    }

    private static Optional<LockInfo> lock(CloudStack stack) {
        return new LocalStateBackend(stack.workDir.resolve(".converge")).lock(CloudStack.STACK).holder();
    }

    static void signal(String signal, Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", signal, process.pid()).isZero();
    }
}
