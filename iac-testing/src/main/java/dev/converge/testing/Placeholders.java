package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic stand-ins for values only a real system would compute, so that the same program
 * applied to an empty {@link InMemoryCloud} always yields the same objects. Pure.
 */
final class Placeholders {

    private Placeholders() {
    }

    /**
     * The id of the {@code generation}-th object created at {@code address}: {@code kind:address},
     * followed by {@code #generation} from the second one on (a replacement exists beside the old
     * object for a moment, so ids must differ).
     */
    static String id(String type, Address address, int generation) {
        String kind = type.substring(type.indexOf(':') + 1).toLowerCase(Locale.ROOT);
        return kind + ":" + address + (generation > 1 ? "#" + generation : "");
    }

    /** Removes the generation suffix from ids inside {@code value}, to compare clouds across replacements. */
    static Object withoutGenerations(Object value) {
        if (value instanceof String text) {
            return text.replaceAll("#\\d+\\b", "");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, withoutGenerations(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Placeholders::withoutGenerations).toList();
        }
        return value;
    }

    /**
     * The inputs plus every computed property the inputs leave out and every output-only property;
     * values already computed for this object ({@code previous}) are kept, as a real system keeps an
     * object's assigned address across in-place updates.
     */
    static Map<String, Object> outputs(ResourceSchema schema, Address address, String id, Map<String, Object> inputs,
            Map<String, Object> previous) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        // Seeded by the object's inputs and its id without generation, so that a placeholder changes
        // exactly when a real content-derived value would (an image id changes with its build inputs),
        // and a rollback to the same inputs gives back the same values.
        String seed = withoutGenerations(id) + "|" + new java.util.TreeMap<>(inputs).toString().replaceAll("#\\d+\\b", "");
        for (PropertySchema property : schema.properties().values()) {
            if (property.computed() && !inputs.containsKey(property.name())) {
                outputs.put(property.name(), previous.containsKey(property.name()) ? previous.get(property.name())
                        : typed(property.name(), property.type(), address, seed));
            }
        }
        for (String name : schema.outputsOnly()) {
            if (!inputs.containsKey(name)) {
                outputs.put(name, previous.containsKey(name) ? previous.get(name) : byName(name, address, seed));
            }
        }
        return outputs;
    }

    private static Object typed(String name, PropertySchema.Type type, Address address, String seed) {
        return switch (type) {
            case STRING, ANY -> name.equals("name") ? address.name() : byName(name, address, seed);
            case NUMBER -> (long) (Math.floorMod(hash(seed + name).hashCode(), 60000) + 1024);
            case BOOLEAN -> Boolean.TRUE;
            case LIST -> List.of();
            case MAP -> Map.of();
        };
    }

    /**
     * A plausible value for an output-only property, guessed from common names: addresses look like
     * IPs, ARNs like ARNs, image ids like digests, counts and process ids are numbers, plural
     * collections are empty maps; anything else is {@code <name>-of-<id>}.
     */
    static Object byName(String name, Address address, String seed) {
        String lower = name.toLowerCase(Locale.ROOT);
        String digest = hash(seed + "/" + name);
        String id = seed.substring(0, seed.indexOf('|'));
        if (lower.equals("arn") || lower.endsWith("arn")) {
            return "arn:converge:test::" + id;
        }
        if (lower.equals("imageid")) {
            return "sha256:" + digest;
        }
        if (lower.endsWith("ip") || lower.equals("ipaddress") || lower.equals("clusterip") || lower.equals("gateway")) {
            return "10." + (Integer.parseInt(digest.substring(0, 2), 16)) + "." + (Integer.parseInt(digest.substring(2, 4), 16))
                    + "." + (Integer.parseInt(digest.substring(4, 6), 16) % 250 + 2);
        }
        if (lower.equals("subnet")) {
            return "10." + (Integer.parseInt(digest.substring(0, 2), 16)) + ".0.0/16";
        }
        if (List.of("pid", "size", "starttime").contains(lower)) {
            return (long) (Math.floorMod(digest.hashCode(), 60000) + 1024);
        }
        if (lower.equals("managed")) {
            return Boolean.TRUE;
        }
        if (lower.equals("nameservers")) {
            return List.of("ns-1.test.invalid", "ns-2.test.invalid");
        }
        if (lower.endsWith("addresses") || lower.endsWith("ports") || lower.equals("status")) {
            return Map.of();
        }
        if (lower.equals("url")) {
            return "https://" + address.name() + ".test.invalid/";
        }
        return name + "-of-" + id;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
