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

    @Test
    void aLockOfADeadProcessIsReportedAsStaleWithHowToTakeItOver() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        Instant now = Instant.now();
        LockInfo dead = new LockInfo("dead-lock-id", "someone", StateLocker.host(), finished.pid(), "apply", now, now);
        assertThat(backend().lock("dev").tryAcquire(dead)).isEmpty();

        assertThatThrownBy(() -> open(Duration.ZERO)).isInstanceOf(ConvergeException.class)
                .hasMessageContainingAll("STALE", "process " + finished.pid(), "no longer running",
                        "converge force-unlock dead-lock-id --stack dev");
        assertThat(StateSession.forceUnlock(backend(), "dev", "wrong-id")).isFalse();
        assertThat(StateSession.forceUnlock(backend(), "dev", "dead-lock-id")).isTrue();
        try (StateSession session = open(Duration.ZERO)) {
            assertThat(session.lock().id()).isNotEqualTo("dead-lock-id");
        }
    }

    @Test
    void aLockWithAnExpiredHeartbeatIsReportedAsStale() {
        Instant old = Instant.now().minus(Duration.ofMinutes(10));
        LockInfo silent = new LockInfo("silent-id", "someone", "another-host", 1, "apply", old, old);
        backend().lock("dev").tryAcquire(silent);
        assertThatThrownBy(() -> open(Duration.ZERO)).hasMessageContainingAll("STALE", "last heartbeat was",
                "force-unlock silent-id");
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
                        .hasMessageContaining("lost the lock").hasMessageContaining("was not written");
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
