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

    /**
     * Reads the outputs of another stack, {@code stack}, from this stack's state backend: the last state
     * it wrote, read at every plan without taking its lock. Secret outputs stay secret; a missing stack or
     * output stops the plan with an error naming the reference.
     *
     * @throws UnsupportedOperationException from a stack that cannot read other stacks (a test double)
     */
    default StackReference reference(String stack) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot reference other stacks");
    }

    /**
     * Reads the outputs of {@code stack} from {@code backend}, a state backend such as the S3 or Kubernetes
     * one, which stays the caller's to close; see {@link #reference(String)}.
     */
    default StackReference reference(String stack, StateSource backend) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot reference other stacks");
    }
}
