package dev.converge.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> changes = new ArrayList<>();
    private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(16,
            (from, to, throttled) -> changes.add(from + "->" + to + (throttled ? " throttled" : "")), clock::get);

    @Test
    void startsAtTheParallelismAndHalvesOnceForAWindowOfThrottledCalls() throws Exception {
        List<Long> slots = acquire(16);
        assertThat(limiter.limit()).isEqualTo(16);
        clock.incrementAndGet();
        slots.forEach(slot -> limiter.release(slot, ConcurrencyLimiter.Outcome.THROTTLED));
        assertThat(limiter.limit()).as("16 throttles of calls started before the drop count once").isEqualTo(8);
        assertThat(changes).containsExactly("16->8 throttled");
    }

    @Test
    void aThrottleOfACallStartedAfterTheDropHalvesAgainButNeverBelowOne() throws Exception {
        for (int i = 0; i < 8; i++) {
            clock.incrementAndGet();
            long slot = limiter.acquire(Long.MAX_VALUE);
            clock.incrementAndGet();
            limiter.release(slot, ConcurrencyLimiter.Outcome.THROTTLED);
        }
        assertThat(limiter.limit()).isEqualTo(1);
        assertThat(changes).containsExactly("16->8 throttled", "8->4 throttled", "4->2 throttled", "2->1 throttled");
    }

    @Test
    void growsByOneAfterAsManySuccessesAsTheLimitAndNeverAboveTheParallelism() throws Exception {
        long slot = limiter.acquire(Long.MAX_VALUE);
        clock.incrementAndGet();
        limiter.release(slot, ConcurrencyLimiter.Outcome.THROTTLED);
        clock.incrementAndGet();
        slot = limiter.acquire(Long.MAX_VALUE);
        limiter.release(slot, ConcurrencyLimiter.Outcome.THROTTLED); // 8 -> 4
        changes.clear();
        succeed(3);
        assertThat(limiter.limit()).as("3 of 4 successes").isEqualTo(4);
        succeed(1);
        assertThat(limiter.limit()).isEqualTo(5);
        succeed(5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15);
        assertThat(limiter.limit()).isEqualTo(16);
        succeed(100);
        assertThat(limiter.limit()).isEqualTo(16);
        assertThat(changes).hasSize(12).allMatch(change -> !change.endsWith("throttled"));
    }

    @Test
    void otherFailuresChangeNothingAndResetNoCount() throws Exception {
        long slot = limiter.acquire(Long.MAX_VALUE);
        limiter.release(slot, ConcurrencyLimiter.Outcome.FAILED);
        assertThat(limiter.limit()).isEqualTo(16);
        assertThat(changes).isEmpty();
    }

    @Test
    void aCallWaitsForAFreeSlotAndGivesUpAtItsDeadline() throws Exception {
        ConcurrencyLimiter two = new ConcurrencyLimiter(2, (from, to, throttled) -> { });
        long first = two.acquire(Long.MAX_VALUE);
        two.acquire(Long.MAX_VALUE);
        assertThat(two.acquire(System.nanoTime() + 50_000_000L)).as("no slot within 50 ms")
                .isEqualTo(Long.MIN_VALUE);
        Thread releaser = new Thread(() -> {
            sleep(100);
            two.release(first, ConcurrencyLimiter.Outcome.SUCCEEDED);
        });
        releaser.start();
        assertThat(two.acquire(System.nanoTime() + 10_000_000_000L)).isNotEqualTo(Long.MIN_VALUE);
        assertThat(two.inFlight()).isEqualTo(2);
        releaser.join();
    }

    private List<Long> acquire(int count) throws InterruptedException {
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(limiter.acquire(Long.MAX_VALUE));
        }
        return slots;
    }

    private void succeed(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            limiter.release(limiter.acquire(Long.MAX_VALUE), ConcurrencyLimiter.Outcome.SUCCEEDED);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
