package dev.converge.engine.plan;

import dev.converge.api.Output;
import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns declared properties into plain values: outputs resolved against what is known, unknown
 * values as {@link Unknown}, secret values (and schema-sensitive properties) as {@link Secret},
 * schema defaults applied. Stateless.
 */
public final class InputResolver {

    private InputResolver() {
    }

    public static Map<String, Object> resolve(Map<String, Object> declared, ResourceSchema schema,
            Output.Resolver resolver) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        declared.forEach((key, value) -> resolved.put(key, resolveValue(value, resolver)));
        Map<String, Object> withDefaults = schema == null ? resolved : schema.withDefaults(resolved);
        if (schema != null) {
            for (PropertySchema property : schema.properties().values()) {
                Object value = withDefaults.get(property.name());
                if (property.sensitive() && value != null && !(value instanceof Secret) && !(value instanceof Unknown)) {
                    withDefaults.put(property.name(), Secret.of(value));
                }
            }
        }
        return withDefaults;
    }

    /** Resolves one value; also used for stack outputs. */
    public static Object resolveValue(Object value, Output.Resolver resolver) {
        if (value instanceof Output<?> output) {
            Output.Resolution<?> resolution = output.resolve(resolver);
            if (!resolution.known()) {
                return Unknown.INSTANCE;
            }
            Object plain = resolveValue(resolution.value(), resolver);
            return resolution.secret() ? Secret.of(Values.reveal(plain)) : plain;
        }
        if (value instanceof Secret secret) {
            Object inner = resolveValue(secret.reveal(), resolver);
            return inner instanceof Unknown ? inner : Secret.of(Values.reveal(inner));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), resolveValue(item, resolver)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(resolveValue(item, resolver)));
            return copy;
        }
        return Values.normalize(value);
    }

    /**
     * Marks as secret what was secret in the inputs, following the value's structure (a secret entry of a
     * map stays an entry, so a map holding one secret compares equal after a refresh), and wholly every
     * property the schema calls sensitive, so that values providers echo back stay secret.
     */
    public static Map<String, Object> markSecrets(Map<String, Object> outputs, Map<String, Object> inputs,
            ResourceSchema schema) {
        Map<String, Object> marked = new LinkedHashMap<>();
        outputs.forEach((key, value) -> {
            boolean sensitive = schema != null && schema.property(key) != null && schema.property(key).sensitive();
            Object plain = Values.normalize(value);
            marked.put(key, sensitive && plain != null ? Secret.of(Values.reveal(plain)) : markLike(plain, inputs.get(key)));
        });
        return marked;
    }

    /** {@code observed} with the secrets of {@code template} re-applied where the structures match. */
    private static Object markLike(Object observed, Object template) {
        if (observed == null || template == null || !Values.containsSecret(template)) {
            return observed;
        }
        if (template instanceof Secret) {
            return Secret.of(Values.reveal(observed));
        }
        if (template instanceof Map<?, ?> secrets && observed instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), markLike(item, secrets.get(key))));
            return copy;
        }
        if (template instanceof List<?> secrets && observed instanceof List<?> list && secrets.size() == list.size()) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(markLike(list.get(i), secrets.get(i)));
            }
            return copy;
        }
        return Secret.of(Values.reveal(observed)); // shapes differ: keep the whole value secret
    }
}
