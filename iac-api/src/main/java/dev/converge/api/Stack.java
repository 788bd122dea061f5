package dev.converge.api;

/**
 * The root scope of a program run: one named environment (dev, preprod, prod) with its own
 * configuration and state.
 */
public interface Stack extends Scope {

    /** The stack's name, as given by {@code --stack}. */
    String name();

    /**
     * Publishes a value (plain or {@link Output}) as a stack output, shown after apply and by the
     * {@code output} command. Secret outputs are shown as {@code (sensitive)}.
     */
    void export(String name, Object value);
}
