package dev.converge.providers.aws;

import dev.converge.spi.Ownership;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/** Pure helpers for property maps: tags, observed-input selection and JSON documents. */
final class Props {

    /** Tag keys with this prefix are Converge's ownership tags; they are never shown as user tags. */
    static final String OWNERSHIP_PREFIX = "converge.";

    private Props() {
    }

    /** The tags to put on a new object: the user's tags plus the ownership tags. */
    static Map<String, String> tagsWithOwner(Map<String, Object> inputs, Ownership owner) {
        Map<String, String> tags = userTags(inputs);
        if (owner != null) {
            tags.putAll(owner.labels());
        }
        return tags;
    }

    /** The declared tags as strings. */
    static Map<String, String> userTags(Map<String, Object> inputs) {
        Map<String, String> tags = new LinkedHashMap<>();
        Values.mapOf(inputs, "tags").forEach((key, value) -> tags.put(key, String.valueOf(value)));
        return tags;
    }

    /** Observed tags without the ownership tags, as a property value. */
    static Map<String, Object> visibleTags(Map<String, String> observed) {
        Map<String, Object> visible = new LinkedHashMap<>();
        observed.entrySet().stream().filter(e -> !e.getKey().startsWith(OWNERSHIP_PREFIX))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> visible.put(e.getKey(), e.getValue()));
        return visible;
    }

    /**
     * What to change so that the live tags carry the desired user tags, never touching ownership tags.
     *
     * @param remove keys to untag
     * @param set keys and values to tag (added or changed)
     */
    record TagChange(List<String> remove, Map<String, String> set) {
        boolean isEmpty() {
            return remove.isEmpty() && set.isEmpty();
        }
    }

    static TagChange tagChange(Map<String, String> live, Map<String, String> desired) {
        List<String> remove = new ArrayList<>();
        live.keySet().stream().filter(key -> !key.startsWith(OWNERSHIP_PREFIX) && !desired.containsKey(key))
                .forEach(remove::add);
        Map<String, String> set = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (!Objects.equals(live.get(key), value)) {
                set.put(key, value);
            }
        });
        return new TagChange(remove, set);
    }

    /** The ownership tags found among an object's tags, or null if it has none of this stack. */
    static String ownedAddress(Map<String, String> tags, String stack) {
        return stack.equals(tags.get(Ownership.STACK_LABEL)) ? tags.get(Ownership.ADDRESS_LABEL) : null;
    }

    /**
     * The observed inputs to report for drift: the properties the prior inputs declare (every input
     * property when there are none, as on import), with values normalized.
     */
    static Map<String, Object> observedInputs(Map<String, Object> observed, Map<String, Object> priorInputs,
            List<String> outputsOnly) {
        Map<String, Object> result = new LinkedHashMap<>();
        observed.forEach((key, value) -> {
            boolean declared = priorInputs.isEmpty() || priorInputs.containsKey(key);
            if (declared && !outputsOnly.contains(key) && value != null) {
                result.put(key, value);
            }
        });
        return Values.normalizeMap(result);
    }

    /** True if two JSON documents are equal as JSON (whitespace, key order of objects ignored). */
    static boolean sameJson(String first, String second) {
        if (Objects.equals(first, second)) {
            return true;
        }
        if (first == null || second == null) {
            return false;
        }
        try {
            JsonNodeParser parser = JsonNodeParser.create();
            JsonNode a = parser.parse(first);
            JsonNode b = parser.parse(second);
            return a.equals(b);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The declared document if the observed one is the same JSON, so formatting never shows as drift. */
    static String keepDeclaredJson(String declared, String observed) {
        return sameJson(declared, observed) ? declared : observed;
    }

    /** Puts {@code value} unless it is null. */
    static <V> void putIfPresent(Map<String, V> map, String key, V value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A long from a string attribute (SQS returns numbers as strings); null if absent. */
    static Long longOrNull(String text) {
        return text == null || text.isBlank() ? null : Long.parseLong(text.strip());
    }
}
