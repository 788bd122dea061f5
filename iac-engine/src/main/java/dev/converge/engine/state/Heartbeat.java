package dev.converge.engine.state;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateLock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that rewrites a held lock's heartbeat at a fixed interval, so other runs can tell a
 * live holder from a dead one. If the lock was taken away (force-unlock), it remembers why, and the
 * session refuses to write. Thread-safe.
 */
final class Heartbeat implements AutoCloseable {

    private final StateLock lock;
    private final ScheduledExecutorService timer;
    private volatile LockInfo holder;
    private volatile String lost;

    Heartbeat(StateLock lock, LockInfo holder, Duration interval, String stack) {
        this.lock = lock;
        this.holder = holder;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "converge-lock-heartbeat-" + stack);
            thread.setDaemon(true); // never keep the JVM alive for a heartbeat
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        if (lost != null) {
            return;
        }
        try {
            LockInfo next = holder.withHeartbeat(Instant.now());
            lock.heartbeat(next);
            holder = next;
        } catch (IllegalStateException | dev.converge.spi.state.StateConflictException e) {
            lost = e.getMessage(); // the lock now belongs to someone else: stop beating, refuse to write
        } catch (RuntimeException e) {
            // A transient I/O problem: the next beat tries again; staleness needs minutes of silence.
        }
    }

    /** Why the lock is no longer held, or null while it is. */
    String lost() {
        return lost;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
