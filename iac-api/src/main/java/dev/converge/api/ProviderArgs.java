package dev.converge.api;

/**
 * Base of typed builders of a provider's named configurations, such as {@code AwsConfig.named("eu")
 * .region("eu-west-1")}: each setter returns a new immutable value around a {@link ProviderConfig}, which
 * {@link Stack#provider(ProviderArgs)} declares.
 *
 * @param <S> the concrete builder type, returned by every setter
 */
public abstract class ProviderArgs<S extends ProviderArgs<S>> {

    private final ProviderConfig config;

    protected ProviderArgs(ProviderConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** Returns a builder of the concrete type around {@code next}. */
    protected abstract S wrap(ProviderConfig next);

    /** Sets a setting (its key without the provider's prefix) to a plain value, a {@link Secret} or an {@link Output}. */
    protected final S with(String key, Object value) {
        return wrap(config.set(key, value));
    }

    /** The untyped configuration. */
    public final ProviderConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
