package dev.converge.testing.wire;

/**
 * A token bucket: {@code rate} tokens a second, at most {@code size} stored; a request that finds a token
 * takes it, one that finds none is refused (never queued: a throttling backend answers at once). It starts
 * with one token, so that the first second after it is set cannot be burst through. Thread-safe.
 */
final class TokenBucket {

    private final double rate;
    private final double size;
    private double tokens = 1;
    private long refilledAt = System.nanoTime();

    TokenBucket(double rate, int size) {
        this.rate = rate;
        this.size = Math.max(1, size);
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(size, tokens + (now - refilledAt) / 1e9 * rate);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
