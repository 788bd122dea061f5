package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.Recovered;
import dev.converge.engine.automation.StackEngine;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.LockLostException;
import dev.converge.spi.state.StateBackend;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock half of the backend contract ({@link StateBackendContract} extends it): a dead holder's lock
 * is taken over atomically (compare-and-swap on the version read: one winner, never over a renewed
 * heartbeat), the engine's takeover rules hold on the backend (another host's lock only after its
 * heartbeat was silent for the lease, its journal recovered), and a taken-over holder is fenced: its
 * next write fails and changes nothing. The engine is driven through its Automation API, as a program's
 * runs drive it.
 */
public abstract class StateLockContract {

    private static final Map<String, String> LEASE_5S = Map.of("lock.lease", "5s");

    private StateBackend first;
    private StateBackend second;
    private String stack;

    /** A new client of the backend's storage, empty for each test's stack name. */
    protected abstract StateBackend newClient();

    @BeforeEach
    void openClients() {
        first = newClient();
        second = newClient();
        stack = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeClients() {
        first.close();
        second.close();
    }

    /** The first client of this test's storage. */
    protected StateBackend first() {
        return first;
    }

    /** A second, independent client of the same storage. */
    protected StateBackend second() {
        return second;
    }

    /** This test's stack name. */
    protected String stack() {
        return stack;
    }

    static LockInfo lockRequest(String operation) {
        Instant now = Instant.now();
        return new LockInfo(UUID.randomUUID().toString(), "tester", "localhost", ProcessHandle.current().pid(),
                operation, now, now);
    }

    /** A lock of a run on another machine whose last heartbeat was at {@code heartbeat}. */
    private static LockInfo elsewhere(Instant heartbeat, long generation) {
        return new LockInfo(UUID.randomUUID().toString(), "ops", "build-host-7", 4242, "apply",
                heartbeat.minusSeconds(60), heartbeat, "boot-elsewhere", heartbeat.minusSeconds(90), generation);
    }

    private static LockInfo successorOf(LockInfo dead) {
        LockInfo next = lockRequest("apply");
        return new LockInfo(next.id(), next.user(), next.host(), next.pid(), next.operation(), next.acquiredAt(),
                next.heartbeatAt(), "boot-here", Instant.parse("2026-01-01T00:00:00.25Z"), dead.generation() + 1);
    }

    @Test
    void takeOverReplacesTheVersionReadAndKeepsEveryField() {
        LockInfo dead = elsewhere(Instant.now().minusSeconds(600), 3);
        assertThat(first.lock(stack).tryAcquire(dead)).isEmpty();
        LockInfo seen = second.lock(stack).holder().orElseThrow();
        assertThat(seen).isEqualTo(dead);
        LockInfo successor = successorOf(seen);
        assertThat(second.lock(stack).takeOver(seen, successor)).isEmpty();
        assertThat(first.lock(stack).holder()).contains(successor);
        assertThatThrownBy(() -> first.lock(stack).heartbeat(dead.withHeartbeat(Instant.now())))
                .as("the old holder cannot renew a lock taken over").isInstanceOf(RuntimeException.class);
        assertThat(first.lock(stack).holder()).contains(successor);
    }

    @Test
    void takeOverOfARenewedLockChangesNothing() {
        LockInfo holder = elsewhere(Instant.now().minusSeconds(600), 1);
        first.lock(stack).tryAcquire(holder);
        LockInfo seen = second.lock(stack).holder().orElseThrow();
        LockInfo renewed = holder.withHeartbeat(Instant.now());
        first.lock(stack).heartbeat(renewed);
        Optional<LockInfo> refused = second.lock(stack).takeOver(seen, successorOf(seen));
        assertThat(refused).as("a holder that renewed keeps its lock").contains(renewed);
        assertThat(first.lock(stack).holder()).contains(renewed);
    }

    @Test
    void concurrentTakeOversOfOneDeadLockHaveExactlyOneWinner() throws Exception {
        first.lock(stack).tryAcquire(elsewhere(Instant.now().minusSeconds(600), 1));
        LockInfo seen = first.lock(stack).holder().orElseThrow();
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<LockInfo>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                StateBackend client = i % 2 == 0 ? first : second;
                LockInfo mine = successorOf(seen);
                attempts.add(() -> client.lock(stack).takeOver(seen, mine).isEmpty() ? mine : null);
            }
            List<LockInfo> winners = new ArrayList<>();
            for (Future<LockInfo> result : pool.invokeAll(attempts)) {
                if (result.get() != null) {
                    winners.add(result.get());
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(first.lock(stack).holder()).contains(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void takeOverOfALockReleasedMeanwhileAcquiresIt() {
        LockInfo gone = elsewhere(Instant.now().minusSeconds(600), 1);
        first.lock(stack).tryAcquire(gone);
        first.lock(stack).release(gone.id());
        LockInfo successor = successorOf(gone);
        assertThat(second.lock(stack).takeOver(gone, successor)).isEmpty();
        assertThat(first.lock(stack).holder()).contains(successor);
    }

    @Test
    void writesOfATakenOverHolderAreFencedAndChangeNothing() {
        LockInfo holder = elsewhere(Instant.now(), 1);
        first.lock(stack).tryAcquire(holder);
        String version = first.store(stack, holder).write(bytes("mine"), null);
        first.journal(stack, holder).append(bytes("r1"));
        assertThat(second.lock(stack).takeOver(holder, successorOf(holder))).isEmpty();

        assertThatThrownBy(() -> first.store(stack, holder).write(bytes("late"), version))
                .isInstanceOf(LockLostException.class).hasMessageContaining(holder.id());
        assertThatThrownBy(() -> first.journal(stack, holder).append(bytes("late")))
                .isInstanceOf(LockLostException.class);
        assertThatThrownBy(() -> first.journal(stack, holder).clear()).isInstanceOf(LockLostException.class);
        assertThat(second.store(stack).read().orElseThrow().bytes()).isEqualTo(bytes("mine"));
        assertThat(second.journal(stack).readAll()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("r1");
    }

    @Test
    void anotherHostsLockIsKeptWhileItsHeartbeatIsWithinTheLease() {
        LockInfo live = elsewhere(Instant.now().minusSeconds(2), 1);
        first.lock(stack).tryAcquire(live);
        try (StackEngine engine = engine(second, stack -> { }, FakeProvider.create(), event -> { })) {
            assertThatThrownBy(engine::refresh).isInstanceOf(ConvergeException.class)
                    .hasMessageContainingAll("is locked: lock " + live.id(), "build-host-7", "heartbeat silent", "of 5 s");
        }
        assertThat(first.lock(stack).holder()).contains(live);
    }

    @Test
    void anotherHostsLockIsTakenOverOnceSilentForTheLeaseAndItsJournalRecovered() {
        FakeProvider cloud = FakeProvider.create();
        LockInfo silent = elsewhere(Instant.now().minusSeconds(6), 7);
        // While the first run creates web, its lock turns into another host's silent one: the run stops
        // with the create's outcome unknown, as if it had died there.
        AtomicBoolean done = new AtomicBoolean();
        cloud.faults().failWhen((op, at) -> {
            if (op == Operation.CREATE && !done.getAndSet(true)) { // the rule only observes: it fails no call
                LockInfo held = first.lock(stack).holder().orElseThrow();
                assertThat(first.lock(stack).takeOver(held, silent)).isEmpty();
            }
            return false;
        }, Faults.When.BEFORE, false, 1);
        try (StackEngine crashed = engine(first, WEB, cloud, event -> { })) {
            assertThatThrownBy(() -> crashed.apply(ApplyRequest.normal())).hasMessageContaining("this run lost the lock");
        }
        List<EngineEvent> events = new ArrayList<>();
        List<Optional<LockInfo>> heldMeanwhile = new ArrayList<>();
        try (StackEngine engine = engine(second, WEB, cloud, event -> {
            events.add(event);
            heldMeanwhile.add(first.lock(stack).holder());
        })) {
            engine.refresh();
        }
        EngineEvent.LockTakenOver takeover = only(events, EngineEvent.LockTakenOver.class);
        assertThat(takeover.previous()).isEqualTo(silent);
        assertThat(takeover.reason()).contains("heartbeat has been silent for").contains("lease of 5 s");
        EngineEvent.LockAcquired acquired = only(events, EngineEvent.LockAcquired.class);
        assertThat(acquired.lock().generation()).isEqualTo(8);
        assertThat(heldMeanwhile.get(events.indexOf(acquired))).contains(acquired.lock());
        assertThat(only(events, EngineEvent.RecoveryDone.class).recovered()).extracting(Recovered::address)
                .containsExactly(Address.of("web"));
    }

    @Test
    void aRunWhoseLockWasTakenOverStopsWithoutWriting() {
        FakeProvider cloud = FakeProvider.create();
        try (StackEngine engine = engine(first, stack -> { }, cloud, event -> { })) {
            engine.refresh(); // writes a first state document
        }
        byte[][] written = new byte[1][];
        int[] records = new int[1];
        AtomicBoolean done = new AtomicBoolean();
        cloud.faults().failWhen((op, at) -> {
            if (op == Operation.CREATE && !done.getAndSet(true)) { // the rule only observes: it fails no call
                written[0] = second.store(stack).read().orElseThrow().bytes();
                records[0] = second.journal(stack).readAll().size();
                LockInfo seen = second.lock(stack).holder().orElseThrow();
                assertThat(second.lock(stack).takeOver(seen, successorOf(seen))).isEmpty();
            }
            return false;
        }, Faults.When.BEFORE, false, 1);
        try (StackEngine engine = engine(first, WEB, cloud, event -> { })) {
            assertThatThrownBy(() -> engine.apply(ApplyRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("this run lost the lock");
        }
        assertThat(second.store(stack).read().orElseThrow().bytes()).isEqualTo(written[0]);
        assertThat(second.journal(stack).readAll()).hasSize(records[0]);
    }

    /** One fake resource, {@code web}. */
    private static final Program WEB = stack -> stack.add(GenericResource.of(FakeProvider.THING, "web").set("value", "v"));

    /** An engine of {@code program} on {@code backend} with a 5 s lease, reporting to {@code listener}. */
    private StackEngine engine(StateBackend backend, Program program, FakeProvider cloud, EngineListener listener) {
        return Converge.engine(program).stack(stack).workDir(KitEnvironment.WORK_DIR).providers(cloud)
                .serviceLoader(false).stateBackend(backend).environment(KitEnvironment.of(LEASE_5S))
                .releaseLog(false).listener(listener).build();
    }

    private static <T extends EngineEvent> T only(List<EngineEvent> events, Class<T> kind) {
        List<T> matching = events.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(matching).as("events of kind %s", kind.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
