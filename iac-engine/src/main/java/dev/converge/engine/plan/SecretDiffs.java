package dev.converge.engine.plan;

import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Providers diff plain values; before a diff reaches a plan (text, JSON, saved file) its values are
 * wrapped as {@link Secret} wherever the property held a secret before or after, or is sensitive.
 */
final class SecretDiffs {

    private SecretDiffs() {
    }

    static List<PropertyDiff> mask(List<PropertyDiff> diffs, Map<String, Object> prior, Map<String, Object> desired,
            ResourceSchema schema) {
        List<PropertyDiff> masked = new ArrayList<>(diffs.size());
        for (PropertyDiff diff : diffs) {
            String property = diff.property();
            boolean secret = Values.containsSecret(prior.get(property)) || Values.containsSecret(desired.get(property))
                    || (schema != null && schema.property(property) != null && schema.property(property).sensitive());
            masked.add(secret ? new PropertyDiff(diff.path(), diff.kind(), hide(diff.before()), hide(diff.after()),
                    diff.forcesReplacement()) : diff);
        }
        return masked;
    }

    private static Object hide(Object value) {
        return value == null || value instanceof Unknown || value instanceof Secret ? value : Secret.of(value);
    }
}
