package dev.converge.testing.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.automation.EngineEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the wire-fault integration tests of each provider share: the faults every backend gets (each
 * provider's test adds those of its own style), and the check that a test's faults really happened and were
 * met by the engine with retries and, for throttling, with lower concurrency.
 */
public final class WireChecks {

    private WireChecks() {
    }

    /**
     * Latency, resets after the backend did the work, 503 with and without {@code Retry-After}, 429 without it,
     * a 12 calls/s rate limit, and an outage of 20 s after {@code outageAfter} requests; then {@code own}.
     * {@code -Dwire.only=TEXT} keeps only the faults whose name contains TEXT.
     */
    public static Stream<Arguments> faults(long outageAfter, Map<String, WireFaults> own) {
        Map<String, WireFaults> all = new LinkedHashMap<>();
        all.put("150 ms of latency", WireFaults.none().withLatency(Duration.ofMillis(150)));
        all.put("25% reset after the backend did the work", WireFaults.none().withResets(0.25));
        all.put("25% 503 with Retry-After 1", WireFaults.none().withStatus(0.25, 503, RetryAfterHeader.seconds(1)));
        all.put("25% 503 without Retry-After", WireFaults.none().withStatus(0.25, 503, RetryAfterHeader.none()));
        all.put("25% 429 without Retry-After", WireFaults.none().withStatus(0.25, 429, RetryAfterHeader.none()));
        all.putAll(own);
        all.put("a rate limit of 12 calls/s", WireFaults.none().withRateLimit(12, 3));
        all.put("the backend gone for 20 s and back", WireFaults.none().withOutage(outageAfter, Duration.ofSeconds(20)));
        String only = System.getProperty("wire.only", "");
        return all.entrySet().stream().filter(e -> e.getKey().contains(only))
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** One line of what the proxy did and how the engine met it. */
    public static String summary(FaultProxy proxy, List<EngineEvent> events) {
        return proxy.stats() + "; " + retries(events) + " retries, " + drops(events) + " concurrency drops";
    }

    /**
     * The faults were there, and met with retries (and, for throttles, with lower concurrency). With
     * {@code clientRetries} the provider's client itself retries, without {@code Retry-After}, a throttled call
     * (not carried out) and a server error of a call that may be sent twice (a read, an overwriting write):
     * retrying only that call spends no capacity again. Then the engine may see no retry for those faults, and
     * the applies' success shows they were retried.
     */
    public static void assertFaultsMet(String name, WireFaults faults, FaultProxy proxy, List<EngineEvent> events,
            boolean clientRetries) {
        assertThat(proxy.stats().forwarded()).as("%s: requests passed through the proxy", name).isPositive();
        boolean throttles = faults.throttleProbability() > 0 || faults.ratePerSecond() > 0
                || faults.statusProbability() > 0 && faults.status() == 429;
        boolean serverErrors = faults.statusProbability() > 0 && faults.status() >= 500;
        boolean retryAfter = faults.statusProbability() > 0 && !faults.statusRetryAfter().toString().startsWith("no")
                || faults.throttleProbability() > 0 && !faults.throttleRetryAfter().toString().startsWith("no");
        boolean engineSees = !((throttles || serverErrors) && clientRetries && !retryAfter);
        if (faults.latency().isZero()) {
            assertThat(proxy.stats().faults()).as("%s: faults injected", name).isPositive();
            if (engineSees) {
                assertThat(retries(events)).as("%s: retries", name).isPositive();
            }
        }
        if (throttles && engineSees) {
            assertThat(drops(events)).as("%s: the concurrency was lowered", name).isPositive();
        }
        if (faults.statusProbability() > 0 && !faults.statusRetryAfter().toString().startsWith("no")) {
            assertThat(events).filteredOn(e -> e instanceof EngineEvent.ResourceRetried retried
                    && retried.message().contains("HTTP " + faults.status())).as("%s: retries", name).isNotEmpty()
                    .allMatch(e -> ((EngineEvent.ResourceRetried) e).backoff().compareTo(Duration.ofMillis(900)) >= 0);
        }
    }

    private static long retries(List<EngineEvent> events) {
        return events.stream().filter(e -> e.kind() == EngineEvent.Kind.RESOURCE_RETRIED).count();
    }

    private static long drops(List<EngineEvent> events) {
        return events.stream().filter(e -> e instanceof EngineEvent.ConcurrencyChanged changed && changed.throttled())
                .count();
    }
}
