package dev.converge.reliability;

import dev.converge.spi.ProviderException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of a backend on the wire, as a provider sees them, for {@link DurableCloud}: a change refused
 * before it was made (HTTP 503), a change refused because the backend throttles (429, sometimes with a
 * {@code Retry-After}), and a change made whose answer was lost (a connection reset after the work), each
 * with probability {@code probability / 3}. The engine must retry all three, and find the object a lost
 * create made instead of making a second one. Counts what it injected. Thread-safe.
 */
final class WireLikeFaults {

    static final WireLikeFaults NONE = new WireLikeFaults(0, 0);

    private final double probability;
    private final Random random;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong lostAnswers = new AtomicLong();

    WireLikeFaults(double probability, long seed) {
        this.probability = probability;
        this.random = new Random(seed);
    }

    void beforeChange() {
        double draw = draw();
        if (draw < probability / 3) {
            refused.incrementAndGet();
            throw ProviderException.retryable("injected fault: HTTP 503 Service Unavailable");
        }
        if (draw < probability * 2 / 3) {
            throttled.incrementAndGet();
            Duration retryAfter = draw < probability / 2 ? Duration.ofMillis(200) : null;
            throw ProviderException.throttled("injected fault: HTTP 429 Too Many Requests", retryAfter, null);
        }
    }

    void afterChange(String change) {
        if (draw() < probability / 3) {
            lostAnswers.incrementAndGet();
            throw ProviderException.retryable("injected fault: connection reset after " + change + " was made");
        }
    }

    private synchronized double draw() {
        return probability == 0 ? 1 : random.nextDouble();
    }

    /** One line for the fork's output: {@code FAULTS refused=.. throttled=.. lostAnswers=..}. */
    String counts() {
        return "FAULTS refused=" + refused + " throttled=" + throttled + " lostAnswers=" + lostAnswers;
    }
}
