package dev.converge.spi.state;

import java.util.Optional;

/** The exclusive lock of one stack; at most one holder at a time. */
public interface StateLock {

    /** Takes the lock if it is free; otherwise returns the current holder and changes nothing. */
    Optional<LockInfo> tryAcquire(LockInfo request);

    /**
     * Takes over the lock of a dead holder, atomically: {@code request} replaces the stored lock only if
     * that is still exactly {@code expected} as it was read (same id, generation and heartbeat), so of
     * several runs taking over one dead lock exactly one wins, and a holder that renewed its heartbeat
     * meanwhile keeps its lock. A lock released meanwhile is taken like {@link #tryAcquire}.
     *
     * @return empty if {@code request} now holds the lock, otherwise the current holder (nothing changed)
     * @throws UnsupportedOperationException if the backend cannot swap a lock atomically; the engine then
     *     leaves the dead lock to {@code force-unlock}
     */
    default Optional<LockInfo> takeOver(LockInfo expected, LockInfo request) {
        throw new UnsupportedOperationException("this state backend cannot take a lock over atomically");
    }

    /** Proves the holder is alive; fails if {@code lockId} no longer holds the lock. */
    void heartbeat(LockInfo holder);

    /** Releases the lock if {@code lockId} holds it; does nothing otherwise. */
    void release(String lockId);

    /** The current holder, if any. */
    Optional<LockInfo> holder();

    /** Removes the lock whatever holds it, if its id is {@code lockId}; returns whether it did. */
    boolean forceRelease(String lockId);
}
