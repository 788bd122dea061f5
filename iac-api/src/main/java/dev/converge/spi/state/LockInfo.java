package dev.converge.spi.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a stack's lock.
 *
 * @param id a random id, given to {@code force-unlock}
 * @param user the operating-system user
 * @param host the host name
 * @param pid the process id
 * @param operation the command, such as {@code apply}
 * @param acquiredAt when the lock was taken
 * @param heartbeatAt when the holder last proved it is alive
 */
public record LockInfo(String id, String user, String host, long pid, String operation, Instant acquiredAt,
        Instant heartbeatAt) {

    public LockInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        heartbeatAt = heartbeatAt == null ? acquiredAt : heartbeatAt;
    }

    public LockInfo withHeartbeat(Instant at) {
        return new LockInfo(id, user, host, pid, operation, acquiredAt, at);
    }

    /** One line for messages: {@code ID held by user@host (pid 42) for apply since TIME}. */
    public String describe() {
        return id + " held by " + user + "@" + host + " (pid " + pid + ") for " + operation + " since " + acquiredAt
                + ", last heartbeat " + heartbeatAt;
    }
}
