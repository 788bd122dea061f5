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
     * Declares a named configuration of a provider, such as a second AWS region, and returns the reference
     * that resources ({@link ResourceArgs#provider}) and components ({@link Scope#component(String,
     * ProviderRef...)}) use to choose it. Resources that choose none use the provider's default
     * configuration, as before. Names are unique per provider; a problem is reported as a diagnostic.
     *
     * @throws UnsupportedOperationException from a {@code Stack} that only records declarations
     */
    default ProviderRef provider(ProviderConfig configuration) {
        throw new UnsupportedOperationException("this Stack (" + getClass().getName()
                + ") does not support provider configurations");
    }

    /** Declares a typed provider configuration, such as {@code AwsConfig.named("eu").region("eu-west-1")}. */
    default ProviderRef provider(ProviderArgs<?> configuration) {
        return provider(configuration.config());
    }

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
