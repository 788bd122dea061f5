package dev.converge.api;

import java.util.Map;

/**
 * A resource of any type with untyped properties, for types that have no typed builder yet.
 *
 * <pre>{@code stack.add(GenericResource.of("docker:Volume", "data").set("driver", "local"))}</pre>
 */
public final class GenericResource extends ResourceArgs<GenericResource, Map<String, Object>> {

    private GenericResource(Declaration declaration) {
        super(declaration);
    }

    public static GenericResource of(String type, String name) {
        return new GenericResource(Declaration.of(type, name));
    }

    public GenericResource set(String key, Object value) {
        return with(key, value);
    }

    public GenericResource put(String key, String entryKey, Object value) {
        return withEntry(key, entryKey, value);
    }

    @Override
    protected GenericResource wrap(Declaration next) {
        return new GenericResource(next);
    }

    @Override
    public Map<String, Object> outputs(Map<String, Object> values) {
        return values;
    }
}
