package dev.converge.engine.state;

import dev.converge.spi.state.LockInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a held lock may be taken over: at once if its holder ran on this machine in this
 * boot and its process is gone (or its pid now names a process with another start time); on any host
 * once its heartbeat has been silent for a lease; never while the holder beats, however slow its run.
 * A lock whose holder is not identified is left to {@code force-unlock}. Stateless.
 */
final class LockRules {

    /** What to do about a held lock. */
    enum Kind { ALIVE, TAKE_OVER, UNDECIDABLE }

    /**
     * A judgement.
     *
     * @param reason why, for messages (the takeover line, or the lock-held message)
     * @param silent how long the heartbeat has been silent
     */
    record Verdict(Kind kind, String reason, Duration silent) {
    }

    /** Start times closer than this are the same process: the OS reports them in clock ticks. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private static final Set<String> UNIDENTIFIED = Set.of("", "?", "unknown");

    private LockRules() {
    }

    /**
     * Judges {@code holder} at {@code now}.
     *
     * @param observed how long this run has itself seen the lock unchanged (its own clock), so that a
     *     holder's clock running behind never delays a takeover forever and one running ahead never
     *     hastens it beyond what this run saw
     */
    static Verdict judge(LockInfo holder, Instant now, Duration observed, LockPolicy policy) {
        if (holder.host() == null || UNIDENTIFIED.contains(holder.host().strip())) {
            return new Verdict(Kind.UNDECIDABLE, "its holder is not identified (the lock was written by another tool "
                    + "or by hand)", Duration.ZERO);
        }
        Optional<String> dead = deadOnThisMachine(holder);
        Duration byClock = Duration.between(holder.heartbeatAt(), now);
        Duration silent = byClock.compareTo(observed) > 0 ? byClock : observed;
        if (dead.isPresent()) {
            return new Verdict(Kind.TAKE_OVER, dead.get(), silent);
        }
        if (silent.compareTo(policy.lease()) > 0) {
            return new Verdict(Kind.TAKE_OVER, "its heartbeat has been silent for " + seconds(silent)
                    + ", longer than the lease of " + seconds(policy.lease()), silent);
        }
        return new Verdict(Kind.ALIVE, "heartbeat silent " + seconds(silent) + " of " + seconds(policy.lease()), silent);
    }

    /** Why the holder is certainly dead, if it ran on this machine in this boot and its process is gone. */
    private static Optional<String> deadOnThisMachine(LockInfo holder) {
        if (!HostIdentity.isThisMachine(holder.host(), holder.bootId())) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = HostIdentity.running(holder.pid());
        if (process.isEmpty()) {
            return Optional.of("its process " + holder.pid() + " on " + holder.host() + " is no longer running");
        }
        Instant started = process.get().info().startInstant().orElse(null);
        if (started != null && holder.processStart() != null
                && Duration.between(started, holder.processStart()).abs().compareTo(SAME_START) > 0) {
            return Optional.of("its pid " + holder.pid() + " on " + holder.host() + " now belongs to another process "
                    + "(started " + started + "; the holder started " + holder.processStart() + ")");
        }
        return Optional.empty();
    }

    static String seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return millis < 10_000 && millis % 1000 != 0 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)
                : millis / 1000 + " s";
    }
}
