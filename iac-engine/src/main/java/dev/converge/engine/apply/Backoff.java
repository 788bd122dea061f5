package dev.converge.engine.apply;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt of a failed call: exponential backoff with full jitter (a uniform
 * random wait between zero and {@code FIRST * 2^(attempt-1)}, at most {@code CEILING}), so that calls that
 * failed together do not come back together; at least what the server asked for in its {@code Retry-After},
 * plus a little jitter for the same reason. Thread-safe when its random source is.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration CEILING = Duration.ofSeconds(5);
    /** The share of a server's Retry-After added as jitter, at most {@link #MAX_RETRY_AFTER_JITTER}. */
    static final double RETRY_AFTER_JITTER = 0.1;
    static final Duration MAX_RETRY_AFTER_JITTER = Duration.ofSeconds(1);

    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1) */
    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    static Backoff jittered() {
        return new Backoff(() -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The upper bound of the jittered wait after attempt {@code attempt} (from 1) failed. */
    static Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(0, attempt - 1), 20);
        Duration grown = FIRST.multipliedBy(1L << doublings);
        return grown.compareTo(CEILING) > 0 ? CEILING : grown;
    }

    /** The wait after attempt {@code attempt} (from 1) failed; {@code retryAfter} is the server's request, if any. */
    Duration after(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            long spreadMillis = Math.min(MAX_RETRY_AFTER_JITTER.toMillis(),
                    (long) (asked.toMillis() * RETRY_AFTER_JITTER));
            return asked.plusMillis((long) (random.getAsDouble() * spreadMillis));
        }
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
    }
}
