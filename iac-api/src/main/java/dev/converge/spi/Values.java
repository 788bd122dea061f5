package dev.converge.spi;

import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the plain values that flow between engine and providers: String, Long, Double, Boolean,
 * List, Map, {@link Secret} and {@link Unknown}. Stateless and thread-safe.
 */
public final class Values {

    private Values() {
    }

    /**
     * A canonical copy: integral numbers become Long, other numbers Double, other scalars (such as
     * enums or paths) strings, lists and maps copied recursively. Normalized values survive a JSON
     * round trip unchanged, so equal values compare equal after load.
     */
    public static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof Unknown) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.scale() <= 0 ? (Object) decimal.longValue() : (Object) decimal.doubleValue();
        }
        if (value instanceof Secret secret) {
            return Secret.of(normalize(secret.reveal()));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), normalize(item)));
            return copy;
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> copy = new ArrayList<>();
            iterable.forEach(item -> copy.add(normalize(item)));
            return copy;
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalizeMap(Map<String, ?> map) {
        return (Map<String, Object>) normalize(map);
    }

    /**
     * An unmodifiable copy that keeps the map's order and drops null values; tolerates a null map.
     * Records of the SPI use it so that providers may return maps with nulls.
     */
    public static Map<String, Object> copyOf(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> {
                if (value != null) {
                    copy.put(key, value);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** True if the value or anything inside it is {@link Unknown}. */
    public static boolean containsUnknown(Object value) {
        if (value instanceof Unknown) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Values::containsUnknown);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Values::containsUnknown);
        }
        return value instanceof Secret secret && containsUnknown(secret.reveal());
    }

    /** True if the value or anything inside it is a {@link Secret}. */
    public static boolean containsSecret(Object value) {
        if (value instanceof Secret) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Values::containsSecret);
        }
        return value instanceof List<?> list && list.stream().anyMatch(Values::containsSecret);
    }

    /** A copy with every {@link Secret} replaced by its value, for handing to a provider. */
    public static Object reveal(Object value) {
        return Secret.revealAll(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> revealMap(Map<String, Object> map) {
        return (Map<String, Object>) reveal(map);
    }

    /**
     * The value at {@code key}, revealed; a value known only after apply throws
     * {@link dev.converge.api.UnknownValueException}, so typed output views built with these helpers
     * make the outputs that read it unknown at plan time.
     */
    private static Object known(Map<String, Object> map, String key) {
        Object value = reveal(map.get(key));
        if (value instanceof Unknown) {
            throw new dev.converge.api.UnknownValueException(key);
        }
        return value;
    }

    /** Reads a string property, revealing a secret; null if absent. */
    public static String string(Map<String, Object> map, String key) {
        Object value = known(map, key);
        return value == null ? null : value.toString();
    }

    /** Reads a numeric property as a long; {@code fallback} if absent. */
    public static long number(Map<String, Object> map, String key, long fallback) {
        Object value = known(map, key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value == null ? fallback : Long.parseLong(value.toString());
    }

    public static boolean bool(Map<String, Object> map, String key, boolean fallback) {
        Object value = known(map, key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(Map<String, Object> map, String key) {
        Object value = known(map, key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<Object> listOf(Map<String, Object> map, String key) {
        Object value = known(map, key);
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
