package dev.converge.providers.local;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a process's declared inputs into one environment variable, so that {@code findOwned} and
 * {@code import} can report exactly what was declared (not the whole command line and environment),
 * and an adopted process does not look changed. Format: URL-encoded {@code key=value} pairs joined by
 * {@code &}; list elements as {@code command.0}, map entries as {@code env.NAME}. Pure and thread-safe.
 */
final class InputsCodec {

    private static final List<String> LISTS = List.of("command", "args");
    private static final List<String> MAPS = List.of("env");

    private InputsCodec() {
    }

    /** Encodes string, list and map values; other values are written by their string form. */
    static String encode(Map<String, Object> inputs) {
        List<String> pairs = new ArrayList<>();
        inputs.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    pairs.add(pair(key + "." + i, list.get(i)));
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((name, item) -> pairs.add(pair(key + "." + name, item)));
            } else if (value != null) {
                pairs.add(pair(key, value));
            }
        });
        return String.join("&", pairs);
    }

    /** The inputs {@link #encode} wrote: lists and maps rebuilt, every scalar a string. */
    static Map<String, Object> decode(String text) {
        Map<String, TreeMap<Integer, Object>> lists = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = decodePart(pair.substring(0, equals));
            String value = decodePart(pair.substring(equals + 1));
            int dot = key.indexOf('.');
            String head = dot < 0 ? key : key.substring(0, dot);
            if (dot > 0 && LISTS.contains(head) && key.substring(dot + 1).matches("\\d+")) {
                lists.computeIfAbsent(head, k -> new TreeMap<>()).put(Integer.parseInt(key.substring(dot + 1)), value);
                result.putIfAbsent(head, List.of());
            } else if (dot > 0 && MAPS.contains(head)) {
                mapIn(result, head).put(key.substring(dot + 1), value);
            } else {
                result.put(key, value);
            }
        }
        lists.forEach((key, items) -> result.put(key, new ArrayList<>(items.values())));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapIn(Map<String, Object> result, String key) {
        return (Map<String, Object>) result.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    private static String pair(String key, Object value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private static String decodePart(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
