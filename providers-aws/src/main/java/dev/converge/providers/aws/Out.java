package dev.converge.providers.aws;

import java.util.List;
import java.util.Map;

/** Readers for typed output views; absent values read as null (or an empty list/map). */
final class Out {

    private Out() {
    }

    static String str(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    static Long num(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value instanceof Number n ? n.longValue() : value == null ? null : Long.parseLong(value.toString());
    }

    static boolean bool(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> tags(Map<String, Object> values) {
        Object value = values.get("tags");
        return value instanceof Map<?, ?> m ? Map.copyOf((Map<String, String>) m) : Map.of();
    }

    static List<String> strings(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
