package dev.converge.spi;

import java.util.Objects;

/**
 * One property of a resource type. Immutable; each method returns a changed copy.
 *
 * @param name the property key
 * @param type the kind of value
 * @param required must be declared
 * @param forceNew a change cannot be made in place: the object is replaced
 * @param computed the provider sets it; a program may leave it out
 * @param sensitive always secret, even if the program passed a plain value
 * @param defaultValue applied when the program leaves the property out, or null
 * @param description one line for docs and error messages
 */
public record PropertySchema(String name, Type type, boolean required, boolean forceNew, boolean computed,
        boolean sensitive, Object defaultValue, String description) {

    /** Kinds of property values, as they appear after normalization. */
    public enum Type {
        STRING,
        NUMBER,
        BOOLEAN,
        LIST,
        MAP,
        ANY
    }

    public PropertySchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static PropertySchema of(String name, Type type) {
        return new PropertySchema(name, type, false, false, false, false, null, "");
    }

    public static PropertySchema string(String name) {
        return of(name, Type.STRING);
    }

    public static PropertySchema number(String name) {
        return of(name, Type.NUMBER);
    }

    public static PropertySchema bool(String name) {
        return of(name, Type.BOOLEAN);
    }

    public static PropertySchema list(String name) {
        return of(name, Type.LIST);
    }

    public static PropertySchema map(String name) {
        return of(name, Type.MAP);
    }

    public static PropertySchema any(String name) {
        return of(name, Type.ANY);
    }

    public PropertySchema asRequired() {
        return new PropertySchema(name, type, true, forceNew, computed, sensitive, defaultValue, description);
    }

    public PropertySchema asForceNew() {
        return new PropertySchema(name, type, required, true, computed, sensitive, defaultValue, description);
    }

    public PropertySchema asComputed() {
        return new PropertySchema(name, type, required, forceNew, true, sensitive, defaultValue, description);
    }

    public PropertySchema asSensitive() {
        return new PropertySchema(name, type, required, forceNew, computed, true, defaultValue, description);
    }

    public PropertySchema defaultValue(Object value) {
        return new PropertySchema(name, type, required, forceNew, computed, sensitive, Values.normalize(value),
                description);
    }

    public PropertySchema describedAs(String text) {
        return new PropertySchema(name, type, required, forceNew, computed, sensitive, defaultValue, text);
    }
}
