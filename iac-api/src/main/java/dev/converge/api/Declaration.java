package dev.converge.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The untyped form of a declared resource, as the engine sees it.
 *
 * <p>Immutable. Property values are plain values (String, Long, Double, Boolean, List, Map), {@link Secret}s
 * or {@link Output}s, nested at any depth; the engine resolves outputs before calling a provider.
 *
 * @param type the resource type, {@code provider:Kind}, such as {@code local:File}
 * @param name the resource's name within its scope
 * @param properties the declared inputs, in declaration order
 * @param options the engine options
 * @param configuration the provider configuration chosen for it ({@link ResourceArgs#provider}); null when it
 *     chose none and uses its component's, or else its provider's default configuration
 */
public record Declaration(String type, String name, Map<String, Object> properties, ResourceOptions options,
        ProviderRef configuration) {

    public Declaration {
        Objects.requireNonNull(type, "type");
        if (type.indexOf(':') <= 0) {
            throw new IllegalArgumentException("resource type '" + type + "' must be 'provider:Kind'");
        }
        Objects.requireNonNull(name, "name");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(options, "options");
    }

    /** A declaration that chose no provider configuration. */
    public Declaration(String type, String name, Map<String, Object> properties, ResourceOptions options) {
        this(type, name, properties, options, null);
    }

    public static Declaration of(String type, String name) {
        return new Declaration(type, name, Map.of(), ResourceOptions.defaults());
    }

    /** The provider that owns this type: the part of the type before the colon. */
    public String provider() {
        return providerOf(type);
    }

    public static String providerOf(String type) {
        return type.substring(0, type.indexOf(':'));
    }

    public Declaration withProperty(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Declaration(type, name, copy, options, configuration);
    }

    /** Adds one entry to a map-valued property such as {@code tags}; a value other than a map is replaced. */
    @SuppressWarnings("unchecked")
    public Declaration withEntry(String key, String entryKey, Object value) {
        Object current = properties.get(key);
        Map<String, Object> map = current instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        map.put(entryKey, value);
        return withProperty(key, map);
    }

    public Declaration withOptions(ResourceOptions newOptions) {
        return new Declaration(type, name, properties, newOptions, configuration);
    }

    public Declaration withName(String newName) {
        return new Declaration(type, newName, properties, options, configuration);
    }

    /** This declaration using the provider configuration {@code chosen}. */
    public Declaration withConfiguration(ProviderRef chosen) {
        return new Declaration(type, name, properties, options, chosen);
    }
}
