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

    // Written out for the reason given in ResourceOptions: every state load compares timeouts.
    @Override
    public boolean equals(Object other) {
        return other instanceof Timeouts that && create.equals(that.create) && update.equals(that.update)
                && delete.equals(that.delete);
    }

    @Override
    public int hashCode() {
        return Objects.hash(create, update, delete);
    }
}
