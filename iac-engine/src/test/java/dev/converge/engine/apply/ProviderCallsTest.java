package dev.converge.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderCallsTest {

    private static final Address A = Address.of("a");
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Progress progress = new Progress() {
        @Override
        public void started(Address address, Operation operation) {
        }

        @Override
        public void stillRunning(Address address, Operation operation, Duration elapsed) {
        }

        @Override
        public void finished(Address address, Operation operation, Duration elapsed, String id, String error) {
        }

        @Override
        public void retrying(Address address, Operation operation, int attempt, Duration backoff, String error) {
            events.add("retry " + attempt + " " + backoff.toMillis());
        }

        @Override
        public void concurrencyChanged(String provider, int from, int to, boolean throttled) {
            events.add(provider + " " + from + "->" + to);
        }
    };

    @Test
    void theServersRetryAfterIsWaitedBeforeTheNextAttempt() {
        List<Long> starts = new ArrayList<>();
        try (ProviderCalls calls = new ProviderCalls(progress, 4)) {
            String result = calls.invoke(A, Progress.Operation.CREATE, new Named("p"), Duration.ofSeconds(30),
                    attempt -> {
                        starts.add(System.nanoTime());
                        if (attempt == 1) {
                            throw ProviderException.throttled("slow down", Duration.ofMillis(700), null);
                        }
                        return "made on attempt " + attempt;
                    });
            assertThat(result).isEqualTo("made on attempt 2");
        }
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(events).hasSize(2).contains("p 4->2").anyMatch(event -> event.startsWith("retry 1 7"));
    }

    @Test
    void retryableFailuresAreRetriedUntilTheTimeoutIsSpentThenReportedWithTheAttemptCount() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        try (ProviderCalls calls = new ProviderCalls(progress, 4, new Backoff(() -> 0.1))) {
            assertThatThrownBy(() -> calls.invoke(A, Progress.Operation.UPDATE, new Named("p"),
                    Duration.ofMillis(1500), attempt -> {
                        attempts.incrementAndGet();
                        throw ProviderException.retryable("connection reset");
                    }))
                    .isInstanceOf(ProviderException.class)
                    .hasMessage("connection reset (after " + attempts.get() + " attempts)")
                    .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
        }
        assertThat(attempts.get()).as("waits of 10, 20, 40 ... 500 ms: more than the old fixed six within 1.5 s").isGreaterThan(6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aRetryAfterBeyondTheTimeoutGivesUpAtOnceAndSaysWhy() {
        try (ProviderCalls calls = new ProviderCalls(progress, 4)) {
            assertThatThrownBy(() -> calls.invoke(A, Progress.Operation.CREATE, new Named("p"), Duration.ofSeconds(2),
                    attempt -> {
                        throw ProviderException.throttled("busy", Duration.ofSeconds(30), null);
                    }))
                    .hasMessageContaining("busy (the server asked to wait 3");
        }
    }

    @Test
    void fatalAndNotFoundFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        try (ProviderCalls calls = new ProviderCalls(progress, 4)) {
            assertThatThrownBy(() -> calls.invoke(A, Progress.Operation.UPDATE, new Named("p"), Duration.ofSeconds(5),
                    attempt -> {
                        attempts.incrementAndGet();
                        throw ProviderException.notFound("gone");
                    })).isInstanceOf(ProviderException.class).hasMessage("gone");
        }
        assertThat(attempts.get()).isEqualTo(1);
    }

    /**
     * A backend that takes 4 calls at a time and throttles the rest, called by 16 threads: every call
     * succeeds, the limit drops to what the backend takes, and far fewer calls are throttled than made.
     */
    @Test
    void aThrottlingBackendGetsFewerCallsAtOnceAndEveryCallSucceeds() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        Named provider = new Named("busy");
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try (ProviderCalls calls = new ProviderCalls(progress, 16)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                done.add(workers.submit(() -> calls.invoke(A, Progress.Operation.CREATE, provider,
                        Duration.ofSeconds(60), attempt -> backendCall(inFlight, throttled, succeeded))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(succeeded.get()).isEqualTo(400);
        assertThat(events).anyMatch(event -> event.startsWith("busy 16->8"));
        assertThat(throttled.get()).as("throttled calls of 400").isLessThan(200);
    }

    private static String backendCall(AtomicInteger inFlight, AtomicInteger throttled, AtomicInteger succeeded) {
        try {
            if (inFlight.incrementAndGet() > 4) {
                throttled.incrementAndGet();
                throw ProviderException.throttled("too many requests", null, null);
            }
            Thread.sleep(3);
            succeeded.incrementAndGet();
            return "ok";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.fatal("interrupted");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** A provider that is only a name: the calls under test are lambdas. */
    private record Named(String name) implements Provider {
        @Override
        public Collection<ResourceSchema> schemas() {
            return List.of();
        }

        @Override
        public CreateResponse create(CreateRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReadResponse read(ReadRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UpdateResponse update(UpdateRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeleteResponse delete(DeleteRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
