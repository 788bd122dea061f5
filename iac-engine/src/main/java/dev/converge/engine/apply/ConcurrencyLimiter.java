package dev.converge.engine.apply;

import java.util.function.LongSupplier;

/**
 * How many calls may run at once against one provider: additive increase, multiplicative decrease. It
 * starts at the run's parallelism; a throttled call halves the limit (never below 1), once per window:
 * throttles of calls that were already under way when the limit last dropped do not drop it again, as
 * they answer the load that was already cut. After as many successful calls in a row as the limit
 * allows, it grows by one, never above the parallelism. Failures that are not throttling leave it alone.
 * Thread-safe.
 */
final class ConcurrencyLimiter {

    /** What became of a call that held a slot. */
    enum Outcome {
        SUCCEEDED,
        THROTTLED,
        /** Failed otherwise (not found, a server error, a reset): says nothing about the load. */
        FAILED
    }

    /** Told about every change of the limit. */
    interface Listener {
        void changed(int from, int to, boolean throttled);
    }

    private final int max;
    private final Listener listener;
    private final LongSupplier clock;
    private int limit;
    private int inFlight;
    private int successes;
    private int throttlesInARow;
    private long loweredAt = Long.MIN_VALUE;

    ConcurrencyLimiter(int max, Listener listener, LongSupplier nanoClock) {
        this.max = Math.max(1, max);
        this.limit = this.max;
        this.listener = listener;
        this.clock = nanoClock;
    }

    ConcurrencyLimiter(int max, Listener listener) {
        this(max, listener, System::nanoTime);
    }

    /**
     * Waits for a slot until {@code deadlineNanos} (of {@link System#nanoTime}); returns when the call took
     * it (the value to pass to {@link #release}), or {@code Long.MIN_VALUE} when the deadline passed first.
     */
    synchronized long acquire(long deadlineNanos) throws InterruptedException {
        while (inFlight >= limit) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return Long.MIN_VALUE;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        inFlight++;
        return clock.getAsLong();
    }

    /** Gives the slot back; {@code startedAt} is what {@link #acquire} returned. */
    void release(long startedAt, Outcome outcome) {
        int from;
        int to;
        synchronized (this) {
            inFlight--;
            from = limit;
            switch (outcome) {
                case SUCCEEDED -> grow();
                case THROTTLED -> shrink(startedAt);
                case FAILED -> {
                    // not a load signal
                }
            }
            to = limit;
            notifyAll();
        }
        if (from != to) {
            listener.changed(from, to, to < from);
        }
    }

    private void grow() {
        throttlesInARow = 0;
        if (limit < max && ++successes >= limit) {
            limit++;
            successes = 0;
        }
    }

    private void shrink(long startedAt) {
        successes = 0;
        throttlesInARow++;
        if (startedAt >= loweredAt) {
            limit = Math.max(1, limit / 2);
            loweredAt = clock.getAsLong();
        }
    }

    /**
     * Throttled calls since the last success: how hard the backend is refusing now. A backend that admits
     * some calls (a rate limit) keeps it low, one that admits none (an exhausted quota) lets it grow.
     */
    synchronized int throttlesInARow() {
        return throttlesInARow;
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
