package dev.converge.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pure description of one resource type: its properties, which changes force a replacement,
 * which values are computed or sensitive, and their defaults. Immutable.
 *
 * @param type the type name, {@code provider:Kind}
 * @param properties by name, in declaration order
 * @param outputsOnly names of properties that only the provider sets (such as an IP address)
 */
public record ResourceSchema(String type, Map<String, PropertySchema> properties, List<String> outputsOnly) {

    public ResourceSchema {
        Objects.requireNonNull(type, "type");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        outputsOnly = List.copyOf(outputsOnly);
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    public PropertySchema property(String name) {
        return properties.get(name);
    }

    /** The inputs with schema defaults filled in for properties the program left out. */
    public Map<String, Object> withDefaults(Map<String, Object> inputs) {
        Map<String, Object> result = new LinkedHashMap<>(inputs);
        for (PropertySchema property : properties.values()) {
            if (property.defaultValue() != null && !result.containsKey(property.name())) {
                result.put(property.name(), property.defaultValue());
            }
        }
        return result;
    }

    /** Builds a schema property by property. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final Map<String, PropertySchema> properties = new LinkedHashMap<>();
        private final List<String> outputsOnly = new ArrayList<>();

        private Builder(String type) {
            this.type = type;
        }

        public Builder property(PropertySchema property) {
            properties.put(property.name(), property);
            return this;
        }

        /** A value only the provider sets, such as an assigned address. */
        public Builder output(String name) {
            outputsOnly.add(name);
            return this;
        }

        public ResourceSchema build() {
            return new ResourceSchema(type, properties, outputsOnly);
        }
    }
}
