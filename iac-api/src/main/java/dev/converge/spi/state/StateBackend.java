package dev.converge.spi.state;

/**
 * Where the state of stacks lives: a local directory, an S3 bucket, a Kubernetes namespace.
 *
 * <p>Backends store bytes; the engine owns the format, integrity checks and encryption. Each part is
 * a small interface so a backend can be tested part by part, and every backend passes the same
 * contract test. Implementations are thread-safe.
 *
 * <p>A run that holds the lock writes through {@link #store(String, LockInfo)} and
 * {@link #journal(String, LockInfo)}: parts <em>fenced</em> by its lock, so that a holder that was
 * paused past its lease and taken over cannot write any more. The defaults check the lock just before
 * each write (and after each journal append); a backend that can check it atomically with the write
 * overrides them and says so in {@link #fencesAtomically()}.
 */
public interface StateBackend extends AutoCloseable, dev.converge.api.StateSource {

    /** A short description for messages, such as {@code local .converge/dev} or {@code s3://bucket/key}. */
    String describe(String stack);

    StateStore store(String stack);

    StateLock lock(String stack);

    StateHistory history(String stack);

    StateJournal journal(String stack);

    /**
     * The document of {@code stack} as written by the lock holder {@code holder}: a write throws
     * {@link LockLostException} and writes nothing once {@code holder} no longer holds the lock.
     */
    default StateStore store(String stack, LockInfo holder) {
        return FencedParts.store(store(stack), lock(stack), holder, describe(stack));
    }

    /** The journal of {@code stack} as written by {@code holder}, fenced like {@link #store(String, LockInfo)}. */
    default StateJournal journal(String stack, LockInfo holder) {
        return FencedParts.journal(journal(stack), lock(stack), holder, describe(stack));
    }

    /**
     * Whether the fenced parts check the lock in the same atomic step as the write (no late write is
     * possible), rather than just before it (a holder paused between check and write may land one write).
     */
    default boolean fencesAtomically() {
        return false;
    }

    @Override
    default void close() {
    }
}
