package dev.converge.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110, section 10.2.3): a number of seconds ({@code 120}) or an
 * HTTP date ({@code Wed, 21 Oct 2026 07:28:00 GMT}), as the wait from {@code now}. Providers use it to fill
 * {@link ProviderException#withRetryAfter}.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait the value asks for; empty for a missing or unreadable value, or a date that has passed.
     *
     * @param value the header's value, may be null
     * @param now the time the response arrived
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return positive(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return positive(Duration.between(now, at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> positive(Duration wait) {
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }
}
