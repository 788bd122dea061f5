package dev.converge.spi.state;

/**
 * Where the state of stacks lives: a local directory, an S3 bucket, a Kubernetes namespace.
 *
 * <p>Backends store bytes; the engine owns the format, integrity checks and encryption. Each part is
 * a small interface so a backend can be tested part by part, and every backend passes the same
 * contract test. Implementations are thread-safe.
 */
public interface StateBackend extends AutoCloseable {

    /** A short description for messages, such as {@code local .converge/dev} or {@code s3://bucket/key}. */
    String describe(String stack);

    StateStore store(String stack);

    StateLock lock(String stack);

    StateHistory history(String stack);

    StateJournal journal(String stack);

    @Override
    default void close() {
    }
}
