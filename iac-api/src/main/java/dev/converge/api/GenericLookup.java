package dev.converge.api;

import java.util.Map;

/**
 * A lookup of any type with an untyped filter, for lookup types that have no typed builder yet.
 *
 * <pre>{@code stack.lookup(GenericLookup.of("aws:Vpc", "main").put("tags", "Name", "main"))}</pre>
 */
public final class GenericLookup extends LookupArgs<GenericLookup, Map<String, Object>> {

    private GenericLookup(Declaration declaration) {
        super(declaration);
    }

    public static GenericLookup of(String type, String name) {
        return new GenericLookup(Declaration.of(type, name));
    }

    public GenericLookup set(String key, Object value) {
        return with(key, value);
    }

    public GenericLookup put(String key, String entryKey, Object value) {
        return withEntry(key, entryKey, value);
    }

    @Override
    protected GenericLookup wrap(Declaration next) {
        return new GenericLookup(next);
    }

    @Override
    public Map<String, Object> outputs(Map<String, Object> values) {
        return values;
    }
}
