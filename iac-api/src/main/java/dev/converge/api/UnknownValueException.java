package dev.converge.api;

/**
 * Thrown by the typed views of resource outputs when they read a value that is known only after
 * apply; {@link Output} turns it into an unknown value. Programs never see it.
 */
public final class UnknownValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownValueException(String key) {
        super("'" + key + "' is known only after apply", null, false, false);
    }
}
