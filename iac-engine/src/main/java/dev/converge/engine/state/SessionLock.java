package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.LockLostException;
import dev.converge.spi.state.StateBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lock a state session holds: taken (or taken over) when the session opens, kept alive by a
 * {@link Heartbeat}, and lost for good once the heartbeat or a fenced write finds that another run
 * holds it; from then on every write of the session is refused with one clear message. Thread-safe.
 */
final class SessionLock {

    private final StateBackend backend;
    private final String stack;
    private final String where;
    private final LockInfo lock;
    private final Takeover takeover;
    private final Heartbeat heartbeat;
    /** Why the backend refused a write of this holder (its lock was taken over), or null. */
    private volatile String fencedBy;

    private SessionLock(StateBackend backend, String stack, StateLocker.Acquired acquired, LockPolicy policy) {
        this.backend = backend;
        this.stack = stack;
        this.where = StateLoader.where(backend, stack);
        this.lock = acquired.lock();
        this.takeover = acquired.takeover().orElse(null);
        // Beat from the start: loading a large state must not make the lock look stale.
        this.heartbeat = new Heartbeat(backend.lock(stack), lock, policy.heartbeatInterval(), stack);
    }

    /** Takes the lock of {@code stack}, or takes over a dead holder's, waiting up to {@code timeout}. */
    static SessionLock take(StateBackend backend, String stack, String operation, Duration timeout, LockPolicy policy) {
        return new SessionLock(backend, stack, StateLocker.acquire(backend, stack, operation, timeout, policy), policy);
    }

    LockInfo info() {
        return lock;
    }

    Optional<Takeover> takeover() {
        return Optional.ofNullable(takeover);
    }

    /** Throws the lock-lost error if the heartbeat or a fenced write found the lock taken. */
    void requireHeld() {
        String lost = fencedBy != null ? fencedBy : heartbeat.lost();
        if (lost != null) {
            throw lockLost(lost);
        }
    }

    /** Reads the lock before a write that is not fenced by the backend (history). */
    void requireStillHolder() {
        LockInfo holder = backend.lock(stack).holder().orElse(null);
        if (holder == null || !holder.id().equals(lock.id())) {
            throw lockLost("lock " + lock.id() + (holder == null ? " was removed" : " was replaced by " + holder.describe()));
        }
    }

    /** Runs a fenced write; a refusal because another run holds the lock ends this holder's writing. */
    <T> T fenced(Supplier<T> write) {
        try {
            return write.get();
        } catch (LockLostException e) {
            fencedBy = e.getMessage();
            throw lockLost(fencedBy);
        }
    }

    /** A wait for durability whose refusal is translated like {@link #fenced(Supplier)}. */
    SessionJournal.Durable fencedWait(SessionJournal.Durable durable) {
        return () -> fenced(() -> {
            durable.await();
            return null;
        });
    }

    private ConvergeException lockLost(String detail) {
        return ConvergeException.of("", "this run lost the lock of " + where + " (" + detail
                + "); it stopped without writing the state",
                "Another run took the lock over: this run's heartbeat was silent for longer than the lease (was the "
                        + "process paused or cut off?), or someone ran `converge force-unlock`. What this run recorded "
                        + "before is in the journal, and the other run resolves it; run again once it has finished.");
    }

    /** Stops the heartbeat and releases the lock (if this run still holds it). */
    void release() {
        heartbeat.close();
        backend.lock(stack).release(lock.id());
    }
}
