package dev.converge.spi.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a stack's lock, with what a waiting run needs to decide whether the holder is dead.
 *
 * @param id a random id, new on every acquisition and takeover, given to {@code force-unlock}
 * @param user the operating-system user
 * @param host the host name
 * @param pid the process id
 * @param operation the command, such as {@code apply}
 * @param acquiredAt when the lock was taken
 * @param heartbeatAt when the holder last proved it is alive
 * @param bootId where {@code pid} is meaningful: the kernel's boot id and the holder's pid namespace
 *     ({@code /proc/sys/kernel/random/boot_id}, {@code /proc/self/ns/pid}); null if unknown. A pid
 *     names the holder only on a machine with the same host name and the same boot id.
 * @param processStart when the holder's process started, so a reused pid is told apart; null if unknown
 * @param generation the fencing token: one more than the lock it took over, 1 for a free lock; a
 *     holder's writes are checked against the lock's current id and generation
 */
public record LockInfo(String id, String user, String host, long pid, String operation, Instant acquiredAt,
        Instant heartbeatAt, String bootId, Instant processStart, long generation) {

    public LockInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        heartbeatAt = heartbeatAt == null ? acquiredAt : heartbeatAt;
    }

    /** A lock of a holder whose boot id and process start are unknown, generation 1. */
    public LockInfo(String id, String user, String host, long pid, String operation, Instant acquiredAt,
            Instant heartbeatAt) {
        this(id, user, host, pid, operation, acquiredAt, heartbeatAt, null, null, 1);
    }

    public LockInfo withHeartbeat(Instant at) {
        return new LockInfo(id, user, host, pid, operation, acquiredAt, at, bootId, processStart, generation);
    }

    /** Whether {@code other} is this very lock as last renewed: same id, generation and heartbeat. */
    public boolean sameVersion(LockInfo other) {
        return other != null && id.equals(other.id) && generation == other.generation
                && heartbeatAt.equals(other.heartbeatAt);
    }

    /** One line for messages: {@code ID held by user@host (pid 42) for apply since TIME, last heartbeat TIME}. */
    public String describe() {
        return id + " held by " + user + "@" + host + " (pid " + pid + ") for " + operation + " since " + acquiredAt
                + ", last heartbeat " + heartbeatAt;
    }
}
