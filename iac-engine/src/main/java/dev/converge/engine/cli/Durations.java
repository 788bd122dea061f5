package dev.converge.engine.cli;

import java.time.Duration;
import java.util.Locale;

/** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or an ISO-8601 duration. */
final class Durations {

    private Durations() {
    }

    /** The duration {@code value} writes; an {@link IllegalArgumentException} that says how to write one if none. */
    static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(Long.parseLong(text));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration: use 30s, 2m, 1h or 500ms", e);
        }
    }
}
