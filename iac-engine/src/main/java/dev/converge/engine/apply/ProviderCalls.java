package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.spi.ProviderException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs provider calls with the resource's timeout, retries retryable failures with exponential
 * backoff inside that timeout, and reports progress every ten seconds. Thread-safe.
 */
final class ProviderCalls implements AutoCloseable {

    static final int MAX_ATTEMPTS = 6;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final ExecutorService calls = Executors.newCachedThreadPool(named("converge-call"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("converge-progress"));
    private final Progress progress;

    ProviderCalls(Progress progress) {
        this.progress = progress;
    }

    /** Calls {@code call}; returns its result or throws the last ProviderException. */
    <T> T invoke(Address address, Progress.Operation operation, Duration timeout, Supplier<T> call) {
        long start = System.nanoTime();
        ScheduledFuture<?> still = ticker.scheduleAtFixedRate(() -> progress.stillRunning(address, operation,
                Duration.ofNanos(System.nanoTime() - start)), PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return withRetries(address, operation, timeout, call, start);
        } finally {
            still.cancel(false);
        }
    }

    private <T> T withRetries(Address address, Progress.Operation operation, Duration timeout, Supplier<T> call,
            long start) {
        long deadline = start + timeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(address, call, deadline - System.nanoTime(), timeout);
            } catch (ProviderException e) {
                long left = deadline - System.nanoTime();
                if (!e.retryable() || attempt >= MAX_ATTEMPTS || left <= backoff.toNanos()) {
                    throw attempt > 1
                            ? ProviderException.fatal(e.getMessage() + " (after " + attempt + " attempts)", e) : e;
                }
                progress.retrying(address, operation, attempt, backoff, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
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
