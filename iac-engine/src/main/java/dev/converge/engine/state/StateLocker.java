package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a stack's lock, waiting up to a timeout, and takes over the lock of a dead holder by the rules
 * of {@link LockRules}, atomically through {@link StateLock#takeOver}. A lock it may not take is
 * explained: who holds it, since when, and when it would be taken over. Stateless.
 */
final class StateLocker {

    /** The lock taken, and the takeover if it was a dead holder's. */
    record Acquired(LockInfo lock, Optional<Takeover> takeover) {
    }

    private StateLocker() {
    }

    /** A lock request for this process, generation 1 (a takeover uses the next generation). */
    static LockInfo request(String operation) {
        Instant now = Instant.now();
        return new LockInfo(UUID.randomUUID().toString(), System.getProperty("user.name", "?"), HostIdentity.host(),
                ProcessHandle.current().pid(), operation, now, now, HostIdentity.bootId(), HostIdentity.processStart(), 1);
    }

    /**
     * Takes the lock of {@code stack} for {@code operation}, polling until {@code timeout} has passed.
     *
     * @throws ConvergeException naming the holder if the lock stays held
     */
    static Acquired acquire(StateBackend backend, String stack, String operation, Duration timeout,
            LockPolicy policy) {
        StateLock lock = backend.lock(stack);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        Observation observation = new Observation();
        int racesLost = 0;
        while (true) {
            LockInfo request = request(operation);
            Optional<LockInfo> holder = lock.tryAcquire(request);
            if (holder.isEmpty()) {
                return new Acquired(request, Optional.empty());
            }
            LockRules.Verdict verdict = LockRules.judge(holder.get(), Instant.now(), observation.silence(holder.get()),
                    policy);
            if (verdict.kind() == LockRules.Kind.TAKE_OVER) {
                Attempt attempt = takeOver(lock, stack, holder.get(), request, verdict);
                if (attempt.acquired() != null) {
                    return attempt.acquired();
                }
                if (!attempt.unsupported() && racesLost++ < 3) {
                    continue; // another run changed the lock first: look at the new holder
                }
                verdict = new LockRules.Verdict(LockRules.Kind.UNDECIDABLE, verdict.reason() + (attempt.unsupported()
                        ? ", but this state backend cannot take a lock over atomically"
                        : ", but other runs keep taking it over first"), verdict.silent());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw held(backend, stack, holder.get(), timeout, verdict);
            }
            sleep(Math.min(left, policy.pollInterval().toNanos()));
        }
    }

    /** The outcome of a takeover: the lock, or null if another run was first or the backend cannot. */
    private record Attempt(Acquired acquired, boolean unsupported) {
    }

    /** Swaps the dead holder's lock for ours, compare-and-swap on the version judged. */
    private static Attempt takeOver(StateLock lock, String stack, LockInfo dead, LockInfo request,
            LockRules.Verdict verdict) {
        LockInfo successor = new LockInfo(request.id(), request.user(), request.host(), request.pid(),
                request.operation(), request.acquiredAt(), request.heartbeatAt(), request.bootId(),
                request.processStart(), dead.generation() + 1);
        try {
            boolean won = lock.takeOver(dead, successor).isEmpty();
            return new Attempt(won ? new Acquired(successor, Optional.of(new Takeover(stack, dead, verdict.reason())))
                    : null, false);
        } catch (UnsupportedOperationException e) {
            return new Attempt(null, true);
        }
    }

    /** How long this run has seen the same version of a held lock, by its own monotonic clock. */
    private static final class Observation {
        private LockInfo seen;
        private long since;

        Duration silence(LockInfo holder) {
            long now = System.nanoTime();
            if (!holder.sameVersion(seen)) {
                seen = holder;
                since = now;
            }
            return Duration.ofNanos(now - since);
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
            LockRules.Verdict verdict) {
        boolean stale = verdict.kind() != LockRules.Kind.ALIVE;
        String summary = "the state of stack '" + stack + "' (" + backend.describe(stack) + ") is locked"
                + (stale ? " by a STALE lock" : "") + ": lock " + holder.describe();
        String waitedText = waited.isZero() ? "" : "Waited " + waited + ". ";
        String detail = stale
                ? waitedText + "The lock cannot be taken over automatically: " + verdict.reason() + ". If no other "
                        + "Converge run is working on this stack, take it over with `converge force-unlock " + holder.id()
                        + " --stack " + stack + "` and run again."
                : waitedText + "Another run (user " + holder.user() + " on " + holder.host() + ", pid " + holder.pid()
                        + ", " + holder.operation() + " since " + holder.acquiredAt() + ") is changing this stack ("
                        + verdict.reason() + "; it is taken over automatically once its heartbeat has been silent for "
                        + "the whole lease). Wait for it to finish, or retry with --lock-timeout 5m.";
        return ConvergeException.of("", summary, detail);
    }
}
