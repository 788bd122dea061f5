package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StateBackend} passes: compare-and-set writes, an exclusive lock that
 * names its holder, history by serial and a durable journal, and (from {@link StateLockContract}) the
 * takeover of a dead holder's lock and the fencing of the holder it replaced. A backend's test extends
 * this class and supplies two independent clients of the same storage (two connections, as two
 * processes would have).
 */
public abstract class StateBackendContract extends StateLockContract {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewStackHasNoState() {
        assertThat(first().store(stack()).read()).isEmpty();
    }

    @Test
    void writtenStateIsReadByAnotherClient() {
        first().store(stack()).write(bytes("{\"serial\":1}"), null);
        Optional<StateStore.StoredState> read = second().store(stack()).read();
        assertThat(read).isPresent();
        assertThat(new String(read.get().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"serial\":1}");
    }

    @Test
    void writeWithStaleVersionIsRefusedAndChangesNothing() {
        String v1 = first().store(stack()).write(bytes("one"), null);
        String v2 = second().store(stack()).write(bytes("two"), v1);
        assertThat(v2).isNotEqualTo(v1);
        assertThatThrownBy(() -> first().store(stack()).write(bytes("three"), v1))
                .isInstanceOf(StateConflictException.class);
        assertThat(new String(first().store(stack()).read().orElseThrow().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("two");
    }

    @Test
    void creatingStateTwiceIsRefused() {
        first().store(stack()).write(bytes("one"), null);
        assertThatThrownBy(() -> second().store(stack()).write(bytes("two"), null))
                .isInstanceOf(StateConflictException.class);
    }

    @Test
    void lockIsExclusiveAndNamesItsHolder() {
        LockInfo mine = lockRequest("apply");
        assertThat(first().lock(stack()).tryAcquire(mine)).isEmpty();
        Optional<LockInfo> refused = second().lock(stack()).tryAcquire(lockRequest("destroy"));
        assertThat(refused).isPresent();
        assertThat(refused.get().id()).isEqualTo(mine.id());
        assertThat(refused.get().operation()).isEqualTo("apply");
        assertThat(second().lock(stack()).holder()).map(LockInfo::id).contains(mine.id());
        first().lock(stack()).release(mine.id());
        assertThat(second().lock(stack()).tryAcquire(lockRequest("destroy"))).isEmpty();
    }

    @Test
    void releaseByANonHolderDoesNothing() {
        LockInfo mine = lockRequest("apply");
        first().lock(stack()).tryAcquire(mine);
        second().lock(stack()).release("someone-else");
        assertThat(first().lock(stack()).holder()).map(LockInfo::id).contains(mine.id());
    }

    @Test
    void heartbeatIsVisibleToOtherClients() {
        LockInfo mine = lockRequest("apply");
        first().lock(stack()).tryAcquire(mine);
        Instant later = mine.heartbeatAt().plusSeconds(30);
        first().lock(stack()).heartbeat(mine.withHeartbeat(later));
        assertThat(second().lock(stack()).holder().orElseThrow().heartbeatAt()).isEqualTo(later);
    }

    @Test
    void forceReleaseNeedsTheRightId() {
        LockInfo mine = lockRequest("apply");
        first().lock(stack()).tryAcquire(mine);
        assertThat(second().lock(stack()).forceRelease("wrong-id")).isFalse();
        assertThat(second().lock(stack()).forceRelease(mine.id())).isTrue();
        assertThat(first().lock(stack()).holder()).isEmpty();
    }

    @Test
    void concurrentAcquireHasExactlyOneWinner() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<Boolean>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                StateBackend client = i % 2 == 0 ? first() : second();
                attempts.add(() -> client.lock(stack()).tryAcquire(lockRequest("apply")).isEmpty());
            }
            int winners = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void historyKeepsArchivedVersionsNewestFirst() {
        first().history(stack()).archive(1, bytes("v1"));
        first().history(stack()).archive(2, bytes("v2"));
        assertThat(second().history(stack()).list()).extracting(entry -> entry.serial()).containsExactly(2L, 1L);
        assertThat(new String(second().history(stack()).load(1).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(second().history(stack()).load(7)).isEmpty();
    }

    @Test
    void journalRecordsAreReadBackInOrderAndCleared() {
        first().journal(stack()).append(bytes("a"));
        first().journal(stack()).append(bytes("b"));
        assertThat(second().journal(stack()).readAll()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("a", "b");
        first().journal(stack()).clear();
        assertThat(second().journal(stack()).readAll()).isEmpty();
    }

    @Test
    void stacksAreIndependent() {
        first().store(stack()).write(bytes("mine"), null);
        assertThat(second().store(stack() + "-other").read()).isEmpty();
        assertThat(second().lock(stack() + "-other").tryAcquire(lockRequest("apply"))).isEmpty();
    }
}
