package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateLock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a stack's lock, waiting up to a timeout, and explains a held lock: who holds it, since when,
 * and whether it is stale (its process is gone from this host, or its heartbeat expired) with the
 * command that takes it over. A stale lock is reported, never taken silently. Stateless.
 */
final class StateLocker {

    private static final String HOST = localHost();

    private StateLocker() {
    }

    /** A lock request for this process. */
    static LockInfo request(String operation) {
        Instant now = Instant.now();
        return new LockInfo(UUID.randomUUID().toString(), System.getProperty("user.name", "?"), HOST,
                ProcessHandle.current().pid(), operation, now, now);
    }

    /**
     * Takes the lock of {@code stack} for {@code operation}, polling until {@code timeout} has passed.
     *
     * @throws ConvergeException naming the holder if the lock stays held
     */
    static LockInfo acquire(StateBackend backend, String stack, String operation, Duration timeout,
            LockPolicy policy) {
        StateLock lock = backend.lock(stack);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            LockInfo request = request(operation);
            Optional<LockInfo> holder = lock.tryAcquire(request);
            if (holder.isEmpty()) {
                return request;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw held(backend, stack, holder.get(), timeout, policy);
            }
            sleep(Math.min(left, policy.pollInterval().toNanos()));
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConvergeException.of("", "interrupted while waiting for the state lock", "Nothing was changed.");
        }
    }

    static ConvergeException held(StateBackend backend, String stack, LockInfo holder, Duration waited,
            LockPolicy policy) {
        Optional<String> stale = staleReason(holder, Instant.now(), policy);
        String summary = "the state of stack '" + stack + "' (" + backend.describe(stack) + ") is locked"
                + (stale.isPresent() ? " by a STALE lock" : "") + ": lock " + holder.describe();
        String waitedText = waited.isZero() ? "" : "Waited " + waited + ". ";
        String detail = stale.map(reason -> waitedText + "The lock is stale: " + reason + ". If no other Converge run "
                + "is working on this stack, take it over with `converge force-unlock " + holder.id() + " --stack "
                + stack + "` and run again.")
                .orElse(waitedText + "Another run (user " + holder.user() + " on " + holder.host() + ", pid "
                        + holder.pid() + ", " + holder.operation() + " since " + holder.acquiredAt()
                        + ") is changing this stack. Wait for it to finish, or retry with --lock-timeout 5m.");
        return ConvergeException.of("", summary, detail);
    }

    /** Why {@code holder} is stale, or empty if it looks alive. */
    static Optional<String> staleReason(LockInfo holder, Instant now, LockPolicy policy) {
        if (HOST.equals(holder.host()) && holder.pid() > 0 && !alive(holder.pid())) {
            return Optional.of("its process " + holder.pid() + " on " + holder.host() + " is no longer running");
        }
        Duration silent = Duration.between(holder.heartbeatAt(), now);
        if (silent.compareTo(policy.staleAfter()) > 0) {
            return Optional.of("its last heartbeat was " + silent.toSeconds() + "s ago (at " + holder.heartbeatAt()
                    + "), longer than " + policy.staleAfter().toSeconds() + "s");
        }
        return Optional.empty();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String host() {
        return HOST;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env.strip() : "localhost";
        }
    }
}
