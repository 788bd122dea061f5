package dev.converge.spi.state;

import java.util.Optional;

/** The exclusive lock of one stack; at most one holder at a time. */
public interface StateLock {

    /** Takes the lock if it is free; otherwise returns the current holder and changes nothing. */
    Optional<LockInfo> tryAcquire(LockInfo request);

    /** Proves the holder is alive; fails if {@code lockId} no longer holds the lock. */
    void heartbeat(LockInfo holder);

    /** Releases the lock if {@code lockId} holds it; does nothing otherwise. */
    void release(String lockId);

    /** The current holder, if any. */
    Optional<LockInfo> holder();

    /** Removes the lock whatever holds it, if its id is {@code lockId}; returns whether it did. */
    boolean forceRelease(String lockId);
}
