package dev.converge.engine.state;

import java.time.Duration;

/**
 * Timing of stack locks.
 *
 * @param pollInterval how often a waiting run checks whether the lock was released
 * @param heartbeatInterval how often the holder proves it is alive
 * @param staleAfter a lock whose heartbeat is older than this is reported as stale
 */
record LockPolicy(Duration pollInterval, Duration heartbeatInterval, Duration staleAfter) {

    static final LockPolicy DEFAULT = new LockPolicy(Duration.ofMillis(500), Duration.ofSeconds(10),
            Duration.ofMinutes(2));
}
