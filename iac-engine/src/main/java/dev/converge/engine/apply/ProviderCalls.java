package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs provider calls with the resource's timeout, retries retryable failures inside that timeout with
 * jittered exponential backoff ({@link Backoff}, at least the server's {@code Retry-After}), runs at most
 * as many calls at once against each provider as its {@link ConcurrencyLimiter} allows (halved when the
 * provider is throttled), and reports retries, changes of the limit and, every ten seconds, calls still
 * running. Thread-safe.
 */
final class ProviderCalls implements AutoCloseable {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final ExecutorService calls = Executors.newCachedThreadPool(named("converge-call"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("converge-progress"));
    private final Progress progress;
    private final int parallelism;
    private final Backoff backoff;
    private final Map<Provider, ConcurrencyLimiter> limiters = new IdentityHashMap<>();

    ProviderCalls(Progress progress, int parallelism) {
        this(progress, parallelism, Backoff.jittered());
    }

    ProviderCalls(Progress progress, int parallelism, Backoff backoff) {
        this.progress = progress;
        this.parallelism = Math.max(1, parallelism);
        this.backoff = backoff;
    }

    /**
     * Calls {@code call} with the attempt number (from 1) until it succeeds, fails for good, or the timeout
     * is spent; returns its result or throws the last ProviderException.
     */
    <T> T invoke(Address address, Progress.Operation operation, Provider provider, Duration timeout,
            IntFunction<T> call) {
        long start = System.nanoTime();
        ScheduledFuture<?> still = ticker.scheduleAtFixedRate(() -> progress.stillRunning(address, operation,
                Duration.ofNanos(System.nanoTime() - start)), PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            long deadline = start + timeout.toNanos();
            return withRetries(address, operation, provider, deadline,
                    attempt -> once(address, () -> call.apply(attempt), deadline - System.nanoTime(), timeout));
        } finally {
            still.cancel(false);
        }
    }

    /** Calls {@code call} in this thread, with the same retries and limits, for at most {@code timeout}. */
    <T> T direct(Address address, Progress.Operation operation, Provider provider, Duration timeout,
            Supplier<T> call) {
        return withRetries(address, operation, provider, System.nanoTime() + timeout.toNanos(),
                attempt -> call.get());
    }

    /**
     * Which step of the backoff a retry waits for. A failed call of its own (a server error, a reset) backs
     * off with its own attempts. A throttled one backs off with the provider's throttles since its last
     * success instead: while the backend still admits calls at its rate, waits stay short, so that its
     * capacity is used as soon as it frees up (the concurrency limit keeps the pressure low); when it admits
     * none, they grow as they would for the call alone.
     */
    private static int backoffStep(ProviderException failure, int attempt, ConcurrencyLimiter limiter) {
        return failure.throttled() ? Math.min(attempt, 1 + limiter.throttlesInARow()) : attempt;
    }

    /** One attempt of {@code call} in this thread under the provider's concurrency limit; no retry. */
    <T> T single(Address address, Provider provider, Supplier<T> call) {
        return limited(address, limiter(provider), Long.MAX_VALUE, attempt -> call.get(), 1);
    }

    private <T> T withRetries(Address address, Progress.Operation operation, Provider provider, long deadline,
            IntFunction<T> attempts) {
        ConcurrencyLimiter limiter = limiter(provider);
        for (int attempt = 1; ; attempt++) {
            try {
                return limited(address, limiter, deadline, attempts, attempt);
            } catch (ProviderException e) {
                if (!e.retryable()) {
                    throw attempt > 1 ? e.withMessage(e.getMessage() + " (after " + attempt + " attempts)") : e;
                }
                Duration wait = backoff.after(backoffStep(e, attempt, limiter), e.retryAfter());
                if (System.nanoTime() + wait.toNanos() >= deadline) {
                    throw giveUp(e, attempt, wait);
                }
                progress.retrying(address, operation, attempt, wait, e.getMessage());
                sleep(wait);
            }
        }
    }

    private static <T> T limited(Address address, ConcurrencyLimiter limiter, long deadline, IntFunction<T> attempts,
            int attempt) {
        long slot;
        try {
            slot = limiter.acquire(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.fatal(address + ": interrupted");
        }
        if (slot == Long.MIN_VALUE) {
            throw ProviderException.fatal(address + ": timed out waiting for the provider while it was throttled;"
                    + " raise the resource's timeout or lower --parallelism");
        }
        ConcurrencyLimiter.Outcome outcome = ConcurrencyLimiter.Outcome.FAILED;
        try {
            T result = attempts.apply(attempt);
            outcome = ConcurrencyLimiter.Outcome.SUCCEEDED;
            return result;
        } catch (ProviderException e) {
            outcome = e.throttled() ? ConcurrencyLimiter.Outcome.THROTTLED : ConcurrencyLimiter.Outcome.FAILED;
            throw e;
        } finally {
            limiter.release(slot, outcome);
        }
    }

    /** The failure reported when no time is left for another attempt: not retryable any more. */
    private static ProviderException giveUp(ProviderException last, int attempt, Duration wait) {
        String attempts = "after " + attempt + " attempts";
        if (last.retryAfter().isPresent()) {
            return ProviderException.fatal(last.getMessage() + " (" + (attempt > 1 ? attempts + "; " : "")
                    + "the server asked to wait " + seconds(wait) + " more, beyond the resource's timeout)", last);
        }
        return attempt == 1 ? last : ProviderException.fatal(last.getMessage() + " (" + attempts + ")", last);
    }

    private synchronized ConcurrencyLimiter limiter(Provider provider) {
        return limiters.computeIfAbsent(provider, key -> new ConcurrencyLimiter(parallelism,
                (from, to, throttled) -> progress.concurrencyChanged(key.name(), from, to, throttled)));
    }

    private <T> T once(Address address, Supplier<T> call, long nanosLeft, Duration timeout) {
        Future<T> future = calls.submit(call::get);
        try {
            return future.get(Math.max(1, nanosLeft), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ProviderException.fatal(address + ": timed out after " + timeout.toSeconds()
                    + "s; raise the resource's timeout or check why the object does not become ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.fatal(address + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderException failure) {
                throw failure;
            }
            throw ProviderException.fatal(address + ": provider failed unexpectedly: " + cause, cause);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.fatal("interrupted while waiting to retry");
        }
    }

    private static String seconds(Duration wait) {
        return String.format(java.util.Locale.ROOT, "%.1fs", wait.toMillis() / 1000.0);
    }

    static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        calls.shutdownNow();
        ticker.shutdownNow();
    }
}
