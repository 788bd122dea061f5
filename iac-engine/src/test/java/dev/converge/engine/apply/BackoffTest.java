package dev.converge.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theCeilingDoublesFromATenthOfASecondUpToFiveSeconds() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(Backoff::ceiling).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(Backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theWaitIsSpreadUniformlyBetweenZeroAndTheCeiling() {
        Random random = new Random(42);
        Backoff backoff = new Backoff(random::nextDouble);
        long[] waits = IntStream.range(0, 10_000).mapToLong(i -> backoff.after(4, Optional.empty()).toMillis())
                .toArray();
        assertThat(java.util.Arrays.stream(waits).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(java.util.Arrays.stream(waits).max().orElseThrow()).isLessThanOrEqualTo(800);
        double mean = java.util.Arrays.stream(waits).average().orElseThrow();
        assertThat(mean).as("full jitter: the mean is half the ceiling").isBetween(380.0, 420.0);
        assertThat(java.util.Arrays.stream(waits).filter(wait -> wait < 80).count()).as("the lowest tenth")
                .isBetween(800L, 1200L);
        assertThat(java.util.Arrays.stream(waits).filter(wait -> wait >= 720).count()).as("the highest tenth")
                .isBetween(800L, 1200L);
    }

    @Test
    void aRetryAfterIsWaitedInFullPlusAtMostATenthOfItAndASecond() {
        Backoff lowest = new Backoff(() -> 0.0);
        Backoff highest = new Backoff(() -> 0.999_999);
        assertThat(lowest.after(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(highest.after(1, Optional.of(Duration.ofSeconds(3)))).isBetween(Duration.ofMillis(3_290),
                Duration.ofMillis(3_300));
        assertThat(highest.after(1, Optional.of(Duration.ofSeconds(60)))).as("the jitter is at most a second")
                .isBetween(Duration.ofMillis(60_990), Duration.ofSeconds(61));
        assertThat(highest.after(1, Optional.of(Duration.ofSeconds(3)))).as("beyond the attempt's own ceiling")
                .isGreaterThan(Backoff.ceiling(1));
    }
}
