package dev.converge.testing.wire;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The {@code Retry-After} header of an injected error response: none, a number of seconds, or an HTTP date
 * that lies the given time ahead (RFC 9110, 10.2.3; dates have whole seconds). Immutable.
 */
public final class RetryAfterHeader {

    private static final RetryAfterHeader NONE = new RetryAfterHeader(null, false);

    private final Duration wait;
    private final boolean asDate;

    private RetryAfterHeader(Duration wait, boolean asDate) {
        this.wait = wait;
        this.asDate = asDate;
    }

    /** No Retry-After header. */
    public static RetryAfterHeader none() {
        return NONE;
    }

    /** {@code Retry-After: N}. */
    public static RetryAfterHeader seconds(long seconds) {
        return new RetryAfterHeader(Duration.ofSeconds(seconds), false);
    }

    /** {@code Retry-After: <HTTP date>}, {@code wait} after the response is sent. */
    public static RetryAfterHeader date(Duration wait) {
        return new RetryAfterHeader(wait, true);
    }

    /** The header's value for a response sent at {@code now}; empty for none. */
    public Optional<String> value(Instant now) {
        if (wait == null) {
            return Optional.empty();
        }
        if (asDate) {
            // Round up: a date truncated to whole seconds must not ask for less than the wait.
            Instant at = now.plus(wait).plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)));
        }
        return Optional.of(String.valueOf(wait.toSeconds()));
    }

    /** The wait in whole seconds, for bodies that carry it too (Kubernetes' {@code retryAfterSeconds}); 0 for none. */
    long seconds() {
        return wait == null ? 0 : Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    @Override
    public String toString() {
        return wait == null ? "no Retry-After" : "Retry-After " + (asDate ? "date +" : "") + wait.toSeconds() + "s";
    }
}
