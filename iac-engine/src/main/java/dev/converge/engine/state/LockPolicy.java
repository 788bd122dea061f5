package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Timing of stack locks.
 *
 * @param pollInterval how often a waiting run checks whether the lock was released
 * @param heartbeatInterval how often the holder proves it is alive
 * @param lease how long a holder's heartbeat may be silent before another run takes the lock over
 */
record LockPolicy(Duration pollInterval, Duration heartbeatInterval, Duration lease) {

    /** The stack setting (or {@code CONVERGE_LOCK_LEASE}) that sets the lease, such as {@code 120s} or {@code 5m}. */
    static final String LEASE_SETTING = "lock.lease";

    static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    static final LockPolicy DEFAULT = withLease(DEFAULT_LEASE);

    /** The heartbeat renews every 10 s, or twelve times per lease if the lease is shorter than two minutes. */
    static LockPolicy withLease(Duration lease) {
        Duration beat = lease.dividedBy(12);
        return new LockPolicy(Duration.ofMillis(500), beat.compareTo(Duration.ofSeconds(10)) < 0 ? beat
                : Duration.ofSeconds(10), lease);
    }

    /** The policy of a stack: the default, or the lease of its {@value #LEASE_SETTING} setting. */
    static LockPolicy from(Map<String, String> settings) {
        String text = settings == null ? null : settings.get(LEASE_SETTING);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        Duration lease = parse(text.strip().toLowerCase(Locale.ROOT));
        if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw ConvergeException.of("config:" + LEASE_SETTING, "invalid lock lease '" + text + "'",
                    "Set " + LEASE_SETTING + " (or CONVERGE_LOCK_LEASE) to a duration of at least 1s, such as 120s or 5m.");
        }
        return withLease(lease);
    }

    private static Duration parse(String text) {
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            int unit = text.length() - (text.endsWith("ms") ? 2 : 1);
            long amount = Long.parseLong(text.substring(0, unit));
            return switch (text.substring(unit)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
