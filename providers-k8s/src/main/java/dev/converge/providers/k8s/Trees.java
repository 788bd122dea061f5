package dev.converge.providers.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Pure operations on JSON-like trees (maps, lists, scalars) that implement Converge's apply
 * semantics: it compares and writes only the fields it manages. Inputs are never modified; results
 * are fresh copies.
 */
final class Trees {

    private Trees() {
    }

    static Object copy(Object value) {
        return mapLeaves(value, UnaryOperator.identity());
    }

    /** A copy of the tree's maps and lists with every other value (the leaves) replaced by {@code leaf}'s. */
    static Object mapLeaves(Object value, UnaryOperator<Object> leaf) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), mapLeaves(item, leaf)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(mapLeaves(item, leaf)));
            return result;
        }
        return leaf.apply(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyMap(Map<String, ?> map) {
        return (Map<String, Object>) copy(map);
    }

    /** The value at {@code path}, or null if a step is missing; the empty path is the tree itself. */
    static Object get(Object tree, List<String> path) {
        Object current = tree;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /**
     * Sets {@code path} in a mutable tree, creating maps on the way; null removes the entry, and removing
     * from a path that does not exist changes nothing (it must not leave empty maps behind: a real API
     * server's managedFields name fields under {@code status} that observed inputs never have).
     */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> tree, List<String> path, Object value) {
        Map<String, Object> current = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = current.get(path.get(i));
            if (!(next instanceof Map<?, ?>)) {
                if (value == null) {
                    return;
                }
                next = new LinkedHashMap<String, Object>();
                current.put(path.get(i), next);
            }
            current = (Map<String, Object>) next;
        }
        String last = path.get(path.size() - 1);
        if (value == null) {
            current.remove(last);
        } else {
            current.put(last, value);
        }
    }

    /**
     * The part of {@code live} that has the shape of {@code shape}: map entries only for keys that
     * {@code shape} has, list elements pruned by the element of {@code shape} at the same index.
     * Fields the server defaulted or others added therefore vanish, while changed or missing managed
     * fields remain visible as differences.
     */
    @SuppressWarnings("unchecked")
    static Object prune(Object live, Object shape) {
        if (live instanceof Map<?, ?> liveMap && shape instanceof Map<?, ?> shapeMap) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (Object key : shapeMap.keySet()) {
                if (liveMap.containsKey(key)) {
                    result.put(String.valueOf(key), prune(liveMap.get(key), shapeMap.get(key)));
                }
            }
            return result;
        }
        if (live instanceof List<?> liveList && shape instanceof List<?> shapeList) {
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < liveList.size(); i++) {
                result.add(i < shapeList.size() ? prune(liveList.get(i), shapeList.get(i)) : copy(liveList.get(i)));
            }
            return result;
        }
        return copy(live);
    }

    /**
     * A three-way merge in the spirit of {@code kubectl apply}: starting from {@code live}, removes
     * what {@code previous} (the last applied managed fields) had and {@code desired} no longer has,
     * then writes every field of {@code desired}. Map entries nobody declared (server defaults,
     * other tools' annotations) are kept; lists are replaced as a whole.
     */
    @SuppressWarnings("unchecked")
    static Object merge(Object live, Object desired, Object previous) {
        if (desired instanceof Map<?, ?> desiredMap) {
            Map<String, Object> result = live instanceof Map<?, ?> liveMap ? copyMap((Map<String, ?>) liveMap)
                    : new LinkedHashMap<>();
            Map<?, ?> previousMap = previous instanceof Map<?, ?> p ? p : Map.of();
            for (Object key : previousMap.keySet()) {
                if (!desiredMap.containsKey(key)) {
                    result.remove(String.valueOf(key));
                }
            }
            desiredMap.forEach((key, value) -> {
                String name = String.valueOf(key);
                result.put(name, merge(result.get(name), value, previousMap.get(key)));
            });
            return result;
        }
        return copy(desired);
    }

    /** True if the two trees are equal when numbers are compared by value (Integer 1 equals Long 1). */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
