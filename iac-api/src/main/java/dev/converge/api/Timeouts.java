package dev.converge.api;

import java.time.Duration;
import java.util.Objects;

/** How long each provider operation of a resource may take before it fails. */
public record Timeouts(Duration create, Duration update, Duration delete) {

    public static final Duration DEFAULT = Duration.ofMinutes(5);

    public Timeouts {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(delete, "delete");
    }

    public static Timeouts defaults() {
        return new Timeouts(DEFAULT, DEFAULT, DEFAULT);
    }

    public static Timeouts all(Duration timeout) {
        return new Timeouts(timeout, timeout, timeout);
    }
}
