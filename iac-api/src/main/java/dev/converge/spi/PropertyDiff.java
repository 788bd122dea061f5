package dev.converge.spi;

import java.util.Objects;

/**
 * One changed property. Nested map entries have dotted paths, such as {@code env.LOG_LEVEL}.
 *
 * @param before the prior value, or null when added
 * @param after the desired value, or null when removed; {@link dev.converge.api.Unknown} when known
 *     only after apply
 * @param forcesReplacement true when the object cannot be updated in place for this change
 */
public record PropertyDiff(String path, Kind kind, Object before, Object after, boolean forcesReplacement) {

    /** What happened to the property. */
    public enum Kind {
        ADD,
        CHANGE,
        REMOVE
    }

    public PropertyDiff {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    public PropertyDiff withForcesReplacement(boolean value) {
        return new PropertyDiff(path, kind, before, after, value);
    }

    /** The top-level property this diff belongs to. */
    public String property() {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** True if this diff's path equals {@code prefix} or lies below it. */
    public boolean isUnder(String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".");
    }
}
