package dev.converge.api;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps values selected from a resource's outputs secret. A typed view is built from the whole output
 * map, so which properties a selector read cannot be traced; instead the view sees the secrets revealed
 * and a selected value counts as secret when it holds one of them, or contains its text (a connection
 * string built inside the selector). This errs towards secrecy: a plain value that happens to contain a
 * secret's text is masked too. Stateless.
 */
final class SecretTaint {

    private SecretTaint() {
    }

    /** The revealed leaves (strings, numbers, booleans) of every {@link Secret} inside {@code value}. */
    static List<Object> secretLeaves(Object value) {
        List<Object> leaves = new ArrayList<>();
        collect(value, false, leaves);
        return leaves;
    }

    private static void collect(Object value, boolean insideSecret, List<Object> into) {
        if (value instanceof Secret secret) {
            collect(secret.reveal(), true, into);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, insideSecret, into));
        } else if (value instanceof Collection<?> list) {
            list.forEach(item -> collect(item, insideSecret, into));
        } else if (insideSecret && value != null && !String.valueOf(value).isEmpty()) {
            into.add(value);
        }
    }

    /** Whether {@code selected} is, holds, or contains the text of one of {@code secrets}. */
    static boolean mentions(Object selected, List<Object> secrets) {
        if (selected instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(item -> mentions(item, secrets));
        }
        if (selected instanceof Collection<?> list) {
            return list.stream().anyMatch(item -> mentions(item, secrets));
        }
        if (selected instanceof String text) {
            return secrets.stream().anyMatch(secret -> text.contains(String.valueOf(secret)));
        }
        return selected != null && secrets.contains(selected);
    }

    /** A view of {@code values} with every {@link Secret} revealed; lookups and defaults go to {@code values}. */
    static Map<String, Object> revealed(Map<String, Object> values) {
        return new AbstractMap<>() {
            @Override
            public Object get(Object key) {
                return Secret.revealAll(values.get(key));
            }

            @Override
            public boolean containsKey(Object key) {
                return values.containsKey(key);
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                Map<String, Object> copy = new LinkedHashMap<>();
                values.forEach((key, item) -> copy.put(key, Secret.revealAll(item)));
                return copy.entrySet();
            }
        };
    }
}
