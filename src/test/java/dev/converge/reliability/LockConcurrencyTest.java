package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.LocalStateBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes applying the same stack: exactly one writes while the other fails naming the holder
 * or waits with {@code --lock-timeout}; a lock whose process was SIGKILLed, or whose heartbeat expired,
 * is reported as stale with the {@code force-unlock} command, and never taken over silently.
 */
class LockConcurrencyTest {

    private static final String SLOW = "400";

    @TempDir
    Path dir;

    @Test
    void secondApplyFailsWithTheHoldersDetailsWhileTheFirstWrites() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Path firstLog = dir.resolve("first.log");
        Process first = Forks.start(firstLog, args(stack, 1, "apply", "--auto-approve", "--parallelism", "1"));
        awaitPlan(first, firstLog);
        Forks.Result second = Forks.run(dir.resolve("second.log"), args(stack, 1, "apply", "--auto-approve"));
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(first.exitValue()).as(Forks.read(firstLog)).isZero();
        assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
        assertThat(second.output()).contains("is locked").doesNotContain("STALE")
                .contains("pid " + first.pid()).contains("apply since").contains("--lock-timeout")
                .doesNotContain("Creating...");
        assertThat(stack.state().serial()).as("one run wrote one version").isEqualTo(1);
        stack.assertConverged(1, "after two concurrent applies");
    }

    @Test
    void secondApplyWaitsWithLockTimeoutAndThenApplies() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Path firstLog = dir.resolve("first.log");
        Process first = Forks.start(firstLog, args(stack, 1, "apply", "--auto-approve", "--parallelism", "1"));
        awaitPlan(first, firstLog);
        Forks.Result second = Forks.run(dir.resolve("second.log"),
                args(stack, 2, "apply", "--auto-approve", "--lock-timeout", "60s"));
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(first.exitValue()).as(Forks.read(firstLog)).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).as("the waiting run planned against the first run's result")
                .contains("db must be replaced").contains("old will be destroyed").contains("extra will be created")
                .doesNotContain("net will be created");
        assertThat(stack.state().serial()).isEqualTo(2);
        stack.assertConverged(2, "after a waiting apply");
    }

    @Test
    void lockOfASigkilledProcessIsReportedStaleAndTakenOverOnlyByForceUnlock() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Path log = dir.resolve("killed.log");
        Process killed = Forks.start(log, args(stack, 1, "apply", "--auto-approve", "--parallelism", "1"));
        awaitPlan(killed, log);
        killed.destroyForcibly();
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, String> before = Dirs.hashes(stack.workDir.resolve(".converge"));

        CloudStack.Run refused = stack.cli(1, "apply", "--auto-approve", "--stack", CloudStack.STACK);
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        String lockId = lockId(stack);
        assertThat(refused.err()).contains("STALE lock").contains("its process " + killed.pid())
                .contains("is no longer running").contains("converge force-unlock " + lockId + " --stack dev");
        assertThat(Dirs.hashes(stack.workDir.resolve(".converge"))).as("a refused run changes no byte")
                .containsExactlyEntriesOf(before);
        CloudStack.Run waited = stack.cli(1, "apply", "--auto-approve", "--lock-timeout", "1s");
        assertThat(waited.exitCode()).as("waiting does not take a stale lock over\n%s", waited.all()).isEqualTo(1);
        assertThat(waited.err()).contains("STALE lock").contains("Waited PT1S");

        assertThat(stack.cli(1, "force-unlock", lockId).exitCode()).isZero();
        assertThat(stack.cli(1, "apply", "--auto-approve").exitCode()).isZero();
        stack.assertConverged(1, "after force-unlock");
    }

    @Test
    void lockWithAnExpiredHeartbeatOnAnotherHostIsStaleAFreshOneIsNot() throws IOException {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Instant old = Instant.now().minusSeconds(600);
        writeLock(stack, "lock-from-elsewhere", old, old);
        CloudStack.Run stale = stack.cli(1, "plan");
        assertThat(stale.exitCode()).as("plan takes no lock\n%s", stale.all()).isZero();
        stale = stack.cli(1, "apply", "--auto-approve");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("STALE lock").contains("its last heartbeat was")
                .contains("converge force-unlock lock-from-elsewhere --stack dev");

        Instant now = Instant.now();
        writeLock(stack, "lock-alive-elsewhere", now.minusSeconds(30), now);
        CloudStack.Run held = stack.cli(1, "apply", "--auto-approve");
        assertThat(held.exitCode()).isEqualTo(1);
        assertThat(held.err()).doesNotContain("STALE").contains("Another run (user ops on build-host-7, pid 4242")
                .contains("--lock-timeout");
        assertThat(stack.cli(1, "force-unlock", "no-such-lock").err()).contains("no lock with id no-such-lock");
        assertThat(Files.exists(lockFile(stack))).as("a wrong id removes nothing").isTrue();
    }

    private static String[] args(CloudStack stack, int version, String... command) {
        String[] all = new String[5 + command.length + 2];
        System.arraycopy(new String[] {stack.workDir.toString(), stack.cloudDir.toString(), String.valueOf(version),
            "never", SLOW}, 0, all, 0, 5);
        System.arraycopy(command, 0, all, 5, command.length);
        all[all.length - 2] = "--stack";
        all[all.length - 1] = CloudStack.STACK;
        return all;
    }

    /** Waits until the fork printed its plan: from then on it holds the lock for seconds. */
    private static void awaitPlan(Process process, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Forks.read(log).contains("Plan:")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the fork never printed its plan\n" + Forks.read(log));
            }
            Thread.sleep(10);
        }
    }

    private static Path lockFile(CloudStack stack) {
        return new LocalStateBackend(stack.workDir.resolve(".converge")).stackDir(CloudStack.STACK).resolve("lock.json");
    }

    private static String lockId(CloudStack stack) throws IOException {
        String json = Files.readString(lockFile(stack));
        return json.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static void writeLock(CloudStack stack, String id, Instant acquired, Instant heartbeat) throws IOException {
        Files.createDirectories(lockFile(stack).getParent());
        Files.writeString(lockFile(stack), "{\"id\":\"" + id + "\",\"user\":\"ops\",\"host\":\"build-host-7\","
                + "\"pid\":4242,\"operation\":\"apply\",\"acquiredAt\":\"" + acquired + "\",\"heartbeatAt\":\""
                + heartbeat + "\"}", StandardCharsets.UTF_8);
    }
}
