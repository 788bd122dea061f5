package dev.converge.providers.docker;

import dev.converge.spi.Ownership;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/** Label maps: user labels plus ownership labels on the way in, user labels only on the way out. */
final class Labels {

    private Labels() {
    }

    /** The declared labels of {@code inputs} with the owner's labels added. */
    static Map<String, String> withOwner(Map<String, Object> inputs, Ownership owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        Values.mapOf(inputs, "labels").forEach((key, value) -> labels.put(key, String.valueOf(value)));
        labels.putAll(owner.labels());
        return labels;
    }

    /** The labels without Converge's own ({@code converge.*}), as declared by a user. */
    static Map<String, Object> userLabels(Map<String, String> labels) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((key, value) -> {
                if (!key.startsWith("converge.")) {
                    result.put(key, value);
                }
            });
        }
        return result;
    }
}
