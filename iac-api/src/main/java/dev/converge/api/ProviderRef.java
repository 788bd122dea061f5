package dev.converge.api;

import java.util.Objects;

/**
 * A provider configuration a resource or component uses: returned by {@link Stack#provider(ProviderConfig)}
 * for a named one, or {@link #defaultOf} for the configuration resources use when they choose none. Pass it
 * to {@link ResourceArgs#provider(ProviderRef)} or {@link Scope#component(String, ProviderRef...)}. Immutable.
 *
 * @param provider the provider's name, such as {@code aws}
 * @param name the configuration's name; empty for the default configuration
 */
public record ProviderRef(String provider, String name) {

    public ProviderRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
    }

    /** The default configuration of {@code provider}: its stack settings alone. */
    public static ProviderRef defaultOf(String provider) {
        return new ProviderRef(provider, "");
    }

    /** Whether this is the default configuration. */
    public boolean isDefault() {
        return name.isEmpty();
    }

    /** For messages: {@code aws} for the default configuration, {@code aws[eu]} for a named one. */
    @Override
    public String toString() {
        return isDefault() ? provider : provider + "[" + name + "]";
    }
}
