package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.LocalStateBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes applying the same stack: exactly one writes while the other fails naming the holder
 * or waits with {@code --lock-timeout}. A lock whose process was SIGKILLed on this machine, or whose pid
 * now names another process, is taken over at once by the next run, which says so in one line and
 * converges; another host's lock only once its heartbeat has been silent for the lease; a live holder,
 * however slow, never.
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
    void lockOfASigkilledProcessIsTakenOverAtOnceByTheNextRunWhichConverges() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Path log = dir.resolve("killed.log");
        Process killed = Forks.start(log, args(stack, 1, "apply", "--auto-approve", "--parallelism", "1"));
        awaitPlan(killed, log);
        killed.destroyForcibly();
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String lockId = lockId(stack);

        CloudStack.Run rerun = stack.cli(1, "apply", "--auto-approve", "--stack", CloudStack.STACK);
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.err().lines().filter(line -> line.startsWith(CloudStack.TAKEOVER)).toList())
                .as("one line saying whose lock was taken and why").singleElement().asString()
                .contains("(pid " + killed.pid() + ", apply since").contains("lock " + lockId)
                .contains("its process " + killed.pid()).contains("is no longer running");
        assertThat(Files.exists(lockFile(stack))).as("the rerun released the lock it took over").isFalse();
        stack.assertConverged(1, "after the takeover");
    }

    @Test
    void aLockWhosePidNowNamesAnotherProcessIsTakenOver() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            Instant otherStart = other.info().startInstant().orElseThrow();
            dev.converge.spi.state.LockInfo here = thisMachine();
            writeLock(stack, "lock-of-a-reused-pid", here.host(), here.bootId(), other.pid(),
                    otherStart.minus(java.time.Duration.ofHours(1)), Instant.now());
            CloudStack.Run rerun = stack.cli(1, "apply", "--auto-approve");
            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(rerun.err()).contains(CloudStack.TAKEOVER).contains("lock lock-of-a-reused-pid")
                    .contains("its pid " + other.pid()).contains("now belongs to another process");
            assertThat(other.isAlive()).as("the process that now has the pid is left alone").isTrue();
            stack.assertConverged(1, "after taking over a reused pid's lock");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aLiveSlowHolderOnAnotherHostIsNeverTakenOver() throws Exception {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Path log = dir.resolve("slow.log");
        Process slow = Forks.start(log, List.of("-D" + HOST_OVERRIDE + "=slow-host/slow-boot"),
                Map.of("CONVERGE_LOCK_LEASE", "3s"), args(stack, "3000", 1, "apply", "--auto-approve",
                        "--parallelism", "1"));
        awaitPlan(slow, log);
        CloudStack.Run waiting = stack.cli(CrashPrograms.version(1, null), lease("3s"), "apply", "--auto-approve",
                "--lock-timeout", "8s", "--stack", CloudStack.STACK);
        assertThat(slow.isAlive()).as("the holder was still working while the other run waited\n%s",
                Forks.read(log)).isTrue();
        assertThat(slow.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(waiting.exitCode()).as("a live holder's lock is never taken, however long its run\n%s",
                waiting.all()).isEqualTo(1);
        assertThat(waiting.err()).contains("is locked").contains("slow-host").contains("Waited PT8S")
                .contains("heartbeat silent").contains("of 3 s").doesNotContain(CloudStack.TAKEOVER);
        assertThat(slow.exitValue()).as(Forks.read(log)).isZero();
        assertThat(Forks.read(log)).doesNotContain("lost the lock");
        stack.assertConverged(1, "after the slow holder finished");
    }

    @Test
    void anotherHostsLockIsTakenOverOnceItsHeartbeatIsSilentForTheLeaseAFreshOneIsNot() throws IOException {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Instant now = Instant.now();
        writeLock(stack, "lock-alive-elsewhere", "build-host-7", "boot-7", 4242, null, now.minusSeconds(40));
        CloudStack.Run plan = stack.cli(1, "plan");
        assertThat(plan.exitCode()).as("plan takes no lock\n%s", plan.all()).isZero();
        CloudStack.Run held = stack.cli(1, "apply", "--auto-approve");
        assertThat(held.exitCode()).isEqualTo(1);
        assertThat(held.err()).doesNotContain("STALE").contains("Another run (user ops on build-host-7, pid 4242")
                .contains("heartbeat silent 40 s of 120 s").contains("taken over automatically")
                .contains("--lock-timeout");
        assertThat(stack.cli(1, "force-unlock", "no-such-lock").err()).contains("no lock with id no-such-lock");
        assertThat(Files.exists(lockFile(stack))).as("a wrong id removes nothing").isTrue();

        Instant old = now.minusSeconds(600);
        writeLock(stack, "lock-from-elsewhere", "build-host-7", "boot-7", 4242, null, old);
        CloudStack.Run taken = stack.cli(1, "apply", "--auto-approve");
        assertThat(taken.exitCode()).as(taken.all()).isZero();
        assertThat(taken.err()).contains(CloudStack.TAKEOVER + " from ops@build-host-7 (pid 4242")
                .contains("its heartbeat has been silent for 6").contains("longer than the lease of 120 s");
        stack.assertConverged(1, "after taking over a silent lock");
    }

    /** A lock as this machine's runs record it, for its host name and boot id. */
    private dev.converge.spi.state.LockInfo thisMachine() {
        var backend = new LocalStateBackend(dir.resolve("probe"));
        try (var session = dev.converge.engine.state.StateSession.open(backend, "probe",
                new dev.converge.engine.state.StateSession.Options("probe", java.time.Duration.ZERO, Map.of()))) {
            return session.lock();
        }
    }

    static final String HOST_OVERRIDE = "converge.test.hostIdentity";

    static Map<String, String> lease(String lease) {
        Map<String, String> environment = new java.util.HashMap<>(CrashMain.environment());
        environment.put("CONVERGE_LOCK_LEASE", lease);
        return environment;
    }

    private static String[] args(CloudStack stack, int version, String... command) {
        return args(stack, SLOW, version, command);
    }

    /** CrashMain's arguments: {@code latency} is the cloud's, such as {@code 400} or {@code 0,600} (writes, reads). */
    static String[] args(CloudStack stack, String latency, int version, String... command) {
        String[] all = new String[5 + command.length + 2];
        System.arraycopy(new String[] {stack.workDir.toString(), stack.cloudDir.toString(), String.valueOf(version),
            "never", latency}, 0, all, 0, 5);
        System.arraycopy(command, 0, all, 5, command.length);
        all[all.length - 2] = "--stack";
        all[all.length - 1] = CloudStack.STACK;
        return all;
    }

    /** Waits until the fork printed its plan: from then on it holds the lock for seconds. */
    static void awaitPlan(Process process, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Forks.read(log).contains("Plan:")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the fork never printed its plan\n" + Forks.read(log));
            }
            Thread.sleep(10);
        }
    }

    static Path lockFile(CloudStack stack) {
        return new LocalStateBackend(stack.workDir.resolve(".converge")).stackDir(CloudStack.STACK).resolve("lock.json");
    }

    static String lockId(CloudStack stack) throws IOException {
        String json = Files.readString(lockFile(stack));
        return json.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    static void writeLock(CloudStack stack, String id, String host, String bootId, long pid, Instant processStart,
            Instant heartbeat) throws IOException {
        Files.createDirectories(lockFile(stack).getParent());
        Files.writeString(lockFile(stack), "{\"id\":\"" + id + "\",\"user\":\"ops\",\"host\":\"" + host + "\","
                + "\"pid\":" + pid + ",\"operation\":\"apply\",\"acquiredAt\":\"" + heartbeat.minusSeconds(30)
                + "\",\"heartbeatAt\":\"" + heartbeat + "\",\"bootId\":\"" + bootId + "\",\"processStart\":"
                + (processStart == null ? "null" : "\"" + processStart + "\"") + ",\"generation\":1}",
                StandardCharsets.UTF_8);
    }
}
