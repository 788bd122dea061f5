package dev.converge.engine.policy;

import dev.converge.api.Address;
import dev.converge.api.ResourceOptions;
import dev.converge.api.Secret;
import dev.converge.engine.plan.Change;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared resource as it will be after the plan is applied. Immutable.
 *
 * @param address its address
 * @param type {@code provider:Kind}
 * @param properties its inputs after apply, schema defaults included: the planned values of a
 *     created, updated or replaced resource, the stored values of an unchanged one. Values may be
 *     {@link Secret} (a value the program marked secret) or {@link dev.converge.api.Unknown} (known only
 *     after apply).
 * @param options the options it is declared with
 * @param change what the plan does to it
 */
public record PlannedResource(Address address, String type, Map<String, Object> properties, ResourceOptions options,
        Change.Kind change) {

    public PlannedResource {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(change, "change");
    }

    /** The value at a path of map keys and list indexes, such as {@code get("spec", "replicas")}. */
    public Optional<Object> get(Object... path) {
        Object current = properties;
        for (Object step : path) {
            current = step(current, step);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** A top-level property as text ({@code ""} if absent; a secret is shown masked, never revealed). */
    public String string(String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString();
    }

    /** True if the property is present. */
    public boolean has(String key) {
        return properties.containsKey(key) && properties.get(key) != null;
    }

    /** The provider part of the type, such as {@code docker}. */
    public String provider() {
        return type.substring(0, type.indexOf(':'));
    }

    private static Object step(Object current, Object step) {
        if (current instanceof Map<?, ?> map) {
            return map.get(step);
        }
        if (current instanceof List<?> list && step instanceof Integer index) {
            return index >= 0 && index < list.size() ? list.get(index) : null;
        }
        return null;
    }
}
