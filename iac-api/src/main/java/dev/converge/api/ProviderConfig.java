package dev.converge.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named configuration of a provider, such as a second AWS region or another Kubernetes namespace: the
 * untyped form of what {@link ProviderArgs} builders such as {@code AwsConfig} produce, declared with
 * {@link Stack#provider(ProviderConfig)}.
 *
 * <p>The engine runs one instance of the provider per configuration, configured with the stack's settings
 * of that provider ({@code aws.*} in the stack configuration) overlaid with these. Settings are named without
 * the provider's prefix ({@code region} for {@code aws.region}); a value is a string, number or boolean, a
 * {@link Secret}, or an {@link Output} known before planning (a configuration value, {@code Output.secret});
 * an output of a resource is refused, because the provider is configured before the plan reads anything.
 *
 * <p>Immutable: {@link #set} returns a changed copy.
 *
 * @param provider the provider's name, such as {@code aws}
 * @param name the configuration's name, unique per provider in a stack: letters, digits, {@code _} and {@code -}
 * @param settings the settings by key without the provider's prefix, in the order set
 */
public record ProviderConfig(String provider, String name, Map<String, Object> settings) {

    public ProviderConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A configuration {@code name} of {@code provider} without settings of its own yet. */
    public static ProviderConfig of(String provider, String name) {
        return new ProviderConfig(provider, name, Map.of());
    }

    /** This configuration with {@code key} (without the provider's prefix) set to {@code value}; null removes it. */
    public ProviderConfig set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new ProviderConfig(provider, name, copy);
    }

    /** Whether {@code name} can name a configuration: letters, digits, {@code _} and {@code -}. */
    public static boolean isValidName(String name) {
        return name != null && !name.isEmpty() && name.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-');
    }

    @Override
    public String toString() {
        return provider + "[" + name + "]" + settings.keySet();
    }
}
