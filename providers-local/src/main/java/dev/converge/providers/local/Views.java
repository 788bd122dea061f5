package dev.converge.providers.local;

import java.util.Map;

/**
 * Reads output maps for the typed views. A value that is not there yet (or still unknown at plan
 * time) reads as null or 0 rather than failing, since views are built from partial maps too.
 */
final class Views {

    private Views() {
    }

    static String string(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value instanceof String text ? text : value instanceof Number n ? n.toString() : null;
    }

    static long number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        return 0L;
    }
}
