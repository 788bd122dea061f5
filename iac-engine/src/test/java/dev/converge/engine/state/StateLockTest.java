package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.options;
import static dev.converge.engine.state.StateFixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.LockInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {

    @TempDir
    Path root;

    private LocalStateBackend backend() {
        return new LocalStateBackend(root);
    }

    private StateSession open(Duration timeout) {
        return StateSession.open(backend(), "dev", new StateSession.Options("apply", timeout, Map.of()), FAST);
    }

    @Test
    void aHeldLockIsRefusedWithTheHoldersDetails() {
        try (StateSession holder = open(Duration.ZERO)) {
            LockInfo lock = holder.lock();
            assertThatThrownBy(() -> StateSession.open(backend(), "dev",
                    new StateSession.Options("destroy", Duration.ZERO, Map.of()), FAST))
                    .isInstanceOf(ConvergeException.class)
                    .hasMessageContainingAll("state of stack 'dev'", "is locked", lock.id(), lock.user(), lock.host(),
                            "pid " + ProcessHandle.current().pid(), "apply", lock.acquiredAt().toString(),
                            "--lock-timeout")
                    .message().doesNotContain("STALE");
        }
    }

    private static LockInfo lockOf(String id, String host, String bootId, long pid, Instant processStart,
            Instant heartbeat) {
        return new LockInfo(id, "someone", host, pid, "apply", heartbeat.minusSeconds(5), heartbeat, bootId,
                processStart, 4);
    }

    @Test
    void theLockOfADeadProcessOnThisMachineIsTakenOverAtOnceWithTheNextGeneration() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        LockInfo dead = lockOf("dead-lock-id", HostIdentity.host(), HostIdentity.bootId(), finished.pid(),
                Instant.now(), Instant.now());
        assertThat(backend().lock("dev").tryAcquire(dead)).isEmpty();

        try (StateSession session = open(Duration.ZERO)) {
            assertThat(session.lock().id()).isNotEqualTo("dead-lock-id");
            assertThat(session.lock().generation()).as("the fencing token grows").isEqualTo(5);
            Takeover takeover = session.takeover().orElseThrow();
            assertThat(takeover.previous()).isEqualTo(dead);
            assertThat(takeover.describe()).startsWith("Took over the lock of stack 'dev' from someone@"
                    + HostIdentity.host() + " (pid " + finished.pid() + ", apply since")
                    .contains("lock dead-lock-id").contains("its process " + finished.pid())
                    .contains("is no longer running").doesNotContain("\n");
            assertThat(backend().lock("dev").holder()).contains(session.lock());
        }
    }

    @Test
    void aPidReusedByAnotherProcessIsTakenOverAtOnce() {
        ProcessHandle me = ProcessHandle.current();
        Instant realStart = me.info().startInstant().orElseThrow();
        LockInfo reused = lockOf("reused-id", HostIdentity.host(), HostIdentity.bootId(), me.pid(),
                realStart.minus(Duration.ofHours(1)), Instant.now());
        backend().lock("dev").tryAcquire(reused);
        try (StateSession session = open(Duration.ZERO)) {
            assertThat(session.takeover().orElseThrow().reason()).contains("its pid " + me.pid())
                    .contains("now belongs to another process").contains(realStart.toString());
        }
    }

    @Test
    void aLiveProcessOnThisMachineIsNeverTakenOver() {
        ProcessHandle me = ProcessHandle.current();
        LockInfo alive = lockOf("alive-id", HostIdentity.host(), HostIdentity.bootId(), me.pid(),
                me.info().startInstant().orElseThrow(), Instant.now());
        backend().lock("dev").tryAcquire(alive);
        assertThatThrownBy(() -> open(Duration.ofMillis(300))).isInstanceOf(ConvergeException.class)
                .hasMessageContainingAll("is locked: lock alive-id", "heartbeat silent", "of 120 s")
                .message().doesNotContain("STALE");
        assertThat(backend().lock("dev").holder()).contains(alive);
    }

    @Test
    void anotherHostsLockIsTakenOverOnlyOnceItsHeartbeatHasBeenSilentForTheLease() {
        LockInfo fresh = lockOf("elsewhere-id", "another-host", "boot-x", 1, null, Instant.now().minusSeconds(30));
        backend().lock("dev").tryAcquire(fresh);
        assertThatThrownBy(() -> open(Duration.ZERO)).isInstanceOf(ConvergeException.class)
                .hasMessageContainingAll("is locked: lock elsewhere-id", "user someone on another-host",
                        "heartbeat silent 30 s of 120 s", "taken over automatically")
                .message().doesNotContain("STALE");

        Instant old = Instant.now().minus(Duration.ofMinutes(3));
        backend().lock("dev").forceRelease("elsewhere-id");
        LockInfo silent = lockOf("silent-id", "another-host", "boot-x", 1, null, old);
        backend().lock("dev").tryAcquire(silent);
        try (StateSession session = open(Duration.ZERO)) {
            assertThat(session.takeover().orElseThrow().reason()).contains("heartbeat has been silent for 180 s")
                    .contains("longer than the lease of 120 s");
        }
    }

    @Test
    void theSameHostNameAfterAnotherBootIsJudgedByItsHeartbeatNotItsPid() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        LockInfo otherBoot = lockOf("other-boot", HostIdentity.host(), "another-boot-id", finished.pid(), null,
                Instant.now());
        backend().lock("dev").tryAcquire(otherBoot);
        assertThatThrownBy(() -> open(Duration.ZERO)).hasMessageContainingAll("is locked: lock other-boot",
                "heartbeat silent");
    }

    @Test
    void aWaitingRunTakesOverWhenItHasSeenTheHeartbeatSilentForTheLeaseByItsOwnClock() {
        LockInfo stuck = lockOf("stuck-id", "another-host", "boot-x", 1, null, Instant.now().plusSeconds(3600));
        backend().lock("dev").tryAcquire(stuck);
        LockPolicy lease = new LockPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(700));
        long start = System.nanoTime();
        try (StateSession session = StateSession.open(backend(), "dev",
                new StateSession.Options("apply", Duration.ofSeconds(20), Map.of()), lease)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a holder whose clock runs ahead is still "
                    + "taken over, after a lease of this run's own clock").isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(session.takeover()).isPresent();
        }
    }

    @Test
    void aLockOfAnUnidentifiedHolderIsLeftToForceUnlock() {
        Instant old = Instant.now().minus(Duration.ofHours(1));
        backend().lock("dev").tryAcquire(new LockInfo("foreign-id", "unknown", "unknown", 0, "unknown", old, old));
        assertThatThrownBy(() -> open(Duration.ZERO)).hasMessageContainingAll("STALE", "not identified",
                "converge force-unlock foreign-id --stack dev");
    }

    @Test
    void aTakenOverHolderIsFencedAtItsNextWriteAndWritesNothing() {
        try (StateSession old = open(Duration.ZERO)) {
            long seq = old.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null);
            old.recordUpsert(seq, plain("a"));
            old.commit(Map.of());
            byte[] written = backend().store("dev").read().orElseThrow().bytes();
            LockInfo seen = backend().lock("dev").holder().orElseThrow();
            LockInfo successor = lockOf("successor", "another-host", "boot-x", 1, null, Instant.now());
            assertThat(backend().lock("dev").takeOver(seen, successor)).isEmpty();

            assertThatThrownBy(() -> old.begin(Address.of("app", "b"), JournalOperation.CREATE, "local:File", null))
                    .isInstanceOf(ConvergeException.class).hasMessageContainingAll("this run lost the lock",
                            "successor", "stopped without writing");
            assertThatThrownBy(() -> old.commit(Map.of())).hasMessageContaining("lost the lock");
            assertThat(backend().store("dev").read().orElseThrow().bytes()).isEqualTo(written);
            assertThat(backend().journal("dev").readAll()).as("no record of the fenced holder").isEmpty();
            assertThat(backend().lock("dev").holder()).contains(successor);
        }
        assertThat(backend().lock("dev").holder()).as("closing does not release the successor's lock").isPresent();
    }

    @Test
    void theLeaseIsAStackSetting() {
        assertThat(LockPolicy.from(Map.of()).lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(LockPolicy.from(Map.of()).heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(LockPolicy.from(Map.of("lock.lease", "6s")).heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(LockPolicy.from(Map.of("lock.lease", "5m")).lease()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> LockPolicy.from(Map.of("lock.lease", "soon")))
                .hasMessageContainingAll("invalid lock lease 'soon'", "CONVERGE_LOCK_LEASE");
    }

    @Test
    void lockTimeoutWaitsForTheHolderToFinish() throws Exception {
        StateSession holder = open(Duration.ZERO);
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            sleep(400);
            holder.close();
        });
        long start = System.nanoTime();
        try (StateSession waiter = open(Duration.ofSeconds(20))) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
            assertThat(waiter.lock().id()).isNotEqualTo(holder.lock().id());
        }
        release.get(5, TimeUnit.SECONDS);
    }

    @Test
    void lockTimeoutGivesUpAfterTheTimeout() {
        try (StateSession holder = open(Duration.ZERO)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> open(Duration.ofMillis(400))).isInstanceOf(ConvergeException.class)
                    .hasMessageContainingAll("is locked", holder.lock().id(), "Waited PT0.4S");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void theHolderBeatsItsHeartbeatAndCloseReleasesTheLock() {
        StateSession session = open(Duration.ZERO);
        LockInfo taken = session.lock();
        sleep(500);
        LockInfo seen = backend().lock("dev").holder().orElseThrow();
        assertThat(seen.id()).isEqualTo(taken.id());
        assertThat(seen.heartbeatAt()).isAfter(taken.heartbeatAt());
        session.close();
        session.close();
        assertThat(backend().lock("dev").holder()).isEmpty();
    }

    @Test
    void aRunWhoseLockWasForceUnlockedDoesNotWrite() {
        try (StateSession session = open(Duration.ZERO)) {
            long seq = session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null);
            session.recordUpsert(seq, plain("a"));
            assertThat(StateSession.forceUnlock(backend(), "dev", session.lock().id())).isTrue();
            try (StateSession intruder = open(Duration.ZERO)) {
                assertThatThrownBy(() -> session.commit(Map.of())).isInstanceOf(ConvergeException.class)
                        .hasMessageContaining("lost the lock").hasMessageContaining("stopped without writing");
                assertThat(intruder.lock().id()).isNotEqualTo(session.lock().id());
            }
        }
        assertThat(backend().store("dev").read()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void concurrentOpensHaveExactlyOneWinner() throws Exception {
        int contenders = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(contenders);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<StateSession>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    return open(Duration.ZERO);
                } catch (ConvergeException refused) {
                    return null;
                }
            }));
        }
        start.countDown();
        java.util.List<StateSession> winners = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<StateSession> attempt : attempts) {
            StateSession session = attempt.get(30, TimeUnit.SECONDS);
            if (session != null) {
                winners.add(session);
            }
        }
        pool.shutdownNow();
        assertThat(winners).hasSize(1);
        winners.get(0).close();
    }
}
