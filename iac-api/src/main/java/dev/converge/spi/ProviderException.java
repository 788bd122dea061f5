package dev.converge.spi;

/**
 * A failed provider operation. The message is shown to the user as is: say what failed, on which
 * object, and what to do about it.
 */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public ProviderException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static ProviderException retryable(String message, Throwable cause) {
        return new ProviderException(message, true, cause);
    }

    public static ProviderException fatal(String message, Throwable cause) {
        return new ProviderException(message, false, cause);
    }

    /** Whether the engine should try again with backoff (throttling, eventual consistency). */
    public boolean retryable() {
        return retryable;
    }
}
