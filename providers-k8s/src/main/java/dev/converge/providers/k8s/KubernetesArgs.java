package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of every Kubernetes builder: the typed outputs and helpers that edit nested manifest
 * fields. Values may be plain or {@link dev.converge.api.Output}s at any depth. Immutable: every
 * setter returns a new builder.
 *
 * @param <S> the concrete builder type
 */
public abstract class KubernetesArgs<S extends KubernetesArgs<S>> extends ResourceArgs<S, KubernetesObject> {

    protected KubernetesArgs(Declaration declaration) {
        super(declaration);
    }

    @Override
    public KubernetesObject outputs(Map<String, Object> values) {
        return KubernetesObject.of(values);
    }

    /**
     * Sets a nested field of a map property: path steps are map keys (String) or list indexes
     * (Integer); missing maps and list slots are created.
     */
    protected final S withPath(String property, Object value, Object... path) {
        Object root = declaration().properties().get(property);
        Map<String, Object> copy = root instanceof Map<?, ?> map ? copyMap(map) : new LinkedHashMap<>();
        Object parent = copy;
        for (int i = 0; i < path.length - 1; i++) {
            parent = child(parent, path[i], path[i + 1] instanceof Integer);
        }
        assign(parent, path[path.length - 1], value);
        return with(property, copy);
    }

    /** Appends {@code element} to the list at {@code path} of a map property. */
    @SuppressWarnings("unchecked")
    protected final S appendAt(String property, Object element, Object... path) {
        Object current = declaration().properties().get(property);
        Object list = current;
        for (Object step : path) {
            if (list instanceof Map<?, ?> m) {
                list = m.get(step);
            } else if (list instanceof List<?> l && step instanceof Integer n && n < l.size()) {
                list = l.get(n);
            } else {
                list = null;
            }
        }
        List<Object> longer = list instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
        longer.add(element);
        return withPath(property, longer, path);
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object parent, Object step, boolean wantList) {
        Object next;
        if (parent instanceof Map<?, ?> map) {
            next = ((Map<String, Object>) map).get((String) step);
        } else {
            List<Object> list = (List<Object>) parent;
            int index = (Integer) step;
            next = index < list.size() ? list.get(index) : null;
        }
        if (next == null || (wantList && !(next instanceof List<?>)) || (!wantList && !(next instanceof Map<?, ?>))) {
            next = wantList ? new ArrayList<>() : new LinkedHashMap<String, Object>();
            assign(parent, step, next);
        }
        return next;
    }

    @SuppressWarnings("unchecked")
    private static void assign(Object parent, Object step, Object value) {
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) step, value);
            return;
        }
        List<Object> list = (List<Object>) parent;
        int index = (Integer) step;
        while (list.size() <= index) {
            list.add(new LinkedHashMap<String, Object>());
        }
        list.set(index, value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value instanceof Map<?, ?> m ? copyMap(m)
                : value instanceof List<?> l ? copyList(l) : value));
        return copy;
    }

    private static List<Object> copyList(List<?> list) {
        List<Object> copy = new ArrayList<>();
        list.forEach(value -> copy.add(value instanceof Map<?, ?> m ? copyMap(m)
                : value instanceof List<?> l ? copyList(l) : value));
        return copy;
    }
}
