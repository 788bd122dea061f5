package dev.converge.engine.declare;

import dev.converge.api.ProviderRef;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named provider configuration as the program declared it, its settings resolved to text. Immutable.
 *
 * @param ref the provider and the configuration's name
 * @param settings the configuration's own settings, keys with the provider's prefix ({@code aws.region}), to be
 *     laid over the stack's settings of that provider
 * @param secretKeys the keys whose values are secret: they enter fingerprints only as digests
 */
public record ProviderConfiguration(ProviderRef ref, Map<String, String> settings, Set<String> secretKeys) {

    public ProviderConfiguration {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        secretKeys = Set.copyOf(secretKeys);
    }
}
