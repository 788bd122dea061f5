package dev.converge.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed provider operation. The message is shown to the user as is: say what failed, on which
 * object, and what to do about it.
 *
 * <p>Made by its named factories, one per {@link Kind}: {@link #fatal}, {@link #retryable} (and
 * {@link #throttled}, a retryable failure that also tells the engine to slow down), {@link #notFound};
 * {@link #withMessage} adds context and keeps the kind, {@link #withRetryAfter} adds the wait the server
 * asked for.
 */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 3L;

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
    private final boolean throttled;
    private final Duration retryAfter;

    /** For subclasses; everyone else uses the named factories. */
    protected ProviderException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, false, null);
    }

    private ProviderException(Kind kind, String message, Throwable cause, boolean throttled, Duration retryAfter) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.throttled = throttled;
        this.retryAfter = retryAfter;
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
     * The backend refused the call because too many calls reach it (HTTP 429, AWS {@code Throttling},
     * {@code SlowDown}, {@code RequestLimitExceeded}, ...). Retryable; the engine also lowers the number of
     * calls it runs at once against this provider.
     *
     * @param retryAfter how long the server asked the client to wait (its {@code Retry-After}), or null
     * @param cause the underlying error (may be null)
     */
    public static ProviderException throttled(String message, Duration retryAfter, Throwable cause) {
        return new ProviderException(Kind.RETRYABLE, message, cause, true, positive(retryAfter));
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
        return new ProviderException(kind, message, this, throttled, retryAfter);
    }

    /**
     * This failure with the wait the server asked for ({@code Retry-After}, in seconds or as a date, turned into
     * a duration); null or a non-positive duration removes it. A copy; this one becomes its cause.
     */
    public ProviderException withRetryAfter(Duration wait) {
        return new ProviderException(kind, getMessage(), this, throttled, positive(wait));
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the engine should try again with backoff (throttling, eventual consistency). */
    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }

    /** Whether the backend refused the call as one too many: a signal to send fewer calls at once. */
    public boolean throttled() {
        return throttled;
    }

    /** How long the server asked the client to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static Duration positive(Duration wait) {
        return wait == null || wait.isZero() || wait.isNegative() ? null : wait;
    }
}
