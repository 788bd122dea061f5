package dev.converge.api;

import java.util.Objects;

/**
 * A resolved value that must never be shown or stored in plaintext.
 *
 * <p>{@link #toString()} prints {@code (sensitive)}; only {@link #reveal()} gives the value. The engine
 * encrypts secrets in state, journal, history and saved plans. Equality is by value, so a secret
 * that did not change produces no diff.
 */
public final class Secret {

    public static final String MASK = "(sensitive)";

    private final Object value;

    private Secret(Object value) {
        this.value = Objects.requireNonNull(value, "secret value");
    }

    public static Secret of(Object value) {
        return value instanceof Secret secret ? secret : new Secret(value);
    }

    public Object reveal() {
        return value;
    }

    /** A copy of {@code value} with every {@code Secret} inside it (in maps and lists) replaced by its value. */
    public static Object revealAll(Object value) {
        if (value instanceof Secret secret) {
            return revealAll(secret.reveal());
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), revealAll(item)));
            return copy;
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> copy = new java.util.ArrayList<>();
            list.forEach(item -> copy.add(revealAll(item)));
            return copy;
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && value.equals(secret.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
