package dev.converge.spi;

import java.util.Objects;

/**
 * A failed provider operation. The message is shown to the user as is: say what failed, on which
 * object, and what to do about it.
 *
 * <p>Made by its named factories, one per {@link Kind}: {@link #fatal}, {@link #retryable},
 * {@link #notFound}; {@link #withMessage} adds context and keeps the kind.
 */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 2L;

    /** What the engine may do about a failure. */
    public enum Kind {
        /** Trying again will not help: the user must change something (the message says what). */
        FATAL,
        /** Worth trying again with backoff: throttling, eventual consistency, a busy or restarting server. */
        RETRYABLE,
        /** The object the request names does not exist (any more): deleted outside Converge. Not retried. */
        NOT_FOUND
    }

    private final Kind kind;

    /** For subclasses; everyone else uses the named factories. */
    protected ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** A failure that trying again will not fix. */
    public static ProviderException fatal(String message) {
        return new ProviderException(Kind.FATAL, message, null);
    }

    /** A failure that trying again will not fix, caused by {@code cause} (may be null). */
    public static ProviderException fatal(String message, Throwable cause) {
        return new ProviderException(Kind.FATAL, message, cause);
    }

    /** A transient failure the engine retries with backoff. */
    public static ProviderException retryable(String message) {
        return new ProviderException(Kind.RETRYABLE, message, null);
    }

    /** A transient failure the engine retries with backoff, caused by {@code cause} (may be null). */
    public static ProviderException retryable(String message, Throwable cause) {
        return new ProviderException(Kind.RETRYABLE, message, cause);
    }

    /**
     * The object the request names is gone (an update or a wait found nothing). Operations that
     * report absence as a value ({@link ReadResponse#gone()}, {@link ImportResponse#notFound()},
     * {@link DeleteResponse#alreadyGone()}) return that instead of throwing.
     */
    public static ProviderException notFound(String message) {
        return new ProviderException(Kind.NOT_FOUND, message, null);
    }

    /** A failure of the same kind as this one, with a message that adds context; this one becomes its cause. */
    public ProviderException withMessage(String message) {
        return new ProviderException(kind, message, this);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the engine should try again with backoff (throttling, eventual consistency). */
    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }
}
