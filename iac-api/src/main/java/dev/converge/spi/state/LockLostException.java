package dev.converge.spi.state;

import java.util.Optional;

/**
 * A write by a run that no longer holds the stack's lock (it was taken over, or force-unlocked); the
 * write did not happen, or, on a backend that checks the lock just before writing, may be the one late
 * record described in that backend's guarantees. The run must stop writing.
 */
public class LockLostException extends StateConflictException {

    private static final long serialVersionUID = 1L;

    private final transient LockInfo current;

    public LockLostException(LockInfo lost, Optional<LockInfo> current, String where) {
        super("lock " + lost.id() + " (generation " + lost.generation() + ") on " + where + " is no longer held: "
                + current.map(now -> "it is now " + now.describe() + ", generation " + now.generation())
                        .orElse("it was removed"));
        this.current = current.orElse(null);
    }

    /** The lock's holder when the write was refused, if any. */
    public Optional<LockInfo> current() {
        return Optional.ofNullable(current);
    }
}
