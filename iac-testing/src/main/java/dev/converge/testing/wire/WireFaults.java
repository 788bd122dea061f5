package dev.converge.testing.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FaultProxy} does to the requests it passes on. Immutable; each {@code with...} returns a
 * changed copy, so a test can hand a proxy a new plan at any time ({@link FaultProxy#faults}).
 *
 * <p>Per request, in this order: a request over the {@linkplain #withRateLimit rate limit} is answered
 * with the backend's throttling error; otherwise one uniform draw picks at most one of: an
 * {@linkplain #withStatus injected status} (503, 429, ...), a {@linkplain #withThrottling throttling
 * error}, or a {@linkplain #withResets reset after the backend did the work}; everything else is forwarded,
 * after the {@linkplain #withLatency latency}. An {@linkplain #withOutage outage} starts when the N-th
 * request arrives: that request is cut off unanswered, and for the outage's duration the proxy refuses
 * connections as a stopped server does.
 *
 * @param latency added before each request is forwarded or answered
 * @param statusProbability the share of requests answered {@code status} without forwarding them
 * @param status the injected HTTP status, such as 503 or 429
 * @param statusRetryAfter the Retry-After header of injected statuses
 * @param throttleProbability the share of requests answered with the backend's throttling error
 * @param throttleRetryAfter the Retry-After of throttling errors (also of the rate limit's)
 * @param resetProbability the share of requests forwarded, answered by the backend, and then cut off by a
 *     TCP reset before the answer reaches the client: the backend did the work, the client does not know
 * @param ratePerSecond the token bucket's rate; 0 for no limit
 * @param burst the token bucket's size: how many calls may come at once after a quiet spell
 * @param outageAfter the number of the request that starts the outage; 0 for none
 * @param outage how long the proxy refuses connections
 */
public record WireFaults(Duration latency, double statusProbability, int status, RetryAfterHeader statusRetryAfter,
        double throttleProbability, RetryAfterHeader throttleRetryAfter, double resetProbability,
        double ratePerSecond, int burst, long outageAfter, Duration outage) {

    public WireFaults {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(statusRetryAfter, "statusRetryAfter");
        Objects.requireNonNull(throttleRetryAfter, "throttleRetryAfter");
        Objects.requireNonNull(outage, "outage");
        if (statusProbability + throttleProbability + resetProbability > 1) {
            throw new IllegalArgumentException("the probabilities add up to more than 1");
        }
    }

    /** Every request forwarded as it is. */
    public static WireFaults none() {
        return new WireFaults(Duration.ZERO, 0, 503, RetryAfterHeader.none(), 0, RetryAfterHeader.none(), 0, 0, 1, 0,
                Duration.ZERO);
    }

    public WireFaults withLatency(Duration added) {
        return new WireFaults(added, statusProbability, status, statusRetryAfter, throttleProbability,
                throttleRetryAfter, resetProbability, ratePerSecond, burst, outageAfter, outage);
    }

    /** A share of requests answered with {@code code} (503, 429, ...) and {@code retryAfter}, not forwarded. */
    public WireFaults withStatus(double probability, int code, RetryAfterHeader retryAfter) {
        return new WireFaults(latency, probability, code, retryAfter, throttleProbability, throttleRetryAfter,
                resetProbability, ratePerSecond, burst, outageAfter, outage);
    }

    /** A share of requests answered with the backend's own throttling error ({@link ErrorStyle}), not forwarded. */
    public WireFaults withThrottling(double probability, RetryAfterHeader retryAfter) {
        return new WireFaults(latency, statusProbability, status, statusRetryAfter, probability, retryAfter,
                resetProbability, ratePerSecond, burst, outageAfter, outage);
    }

    /** A share of requests forwarded, answered by the backend, and cut off by a reset before the answer arrives. */
    public WireFaults withResets(double probability) {
        return new WireFaults(latency, statusProbability, status, statusRetryAfter, throttleProbability,
                throttleRetryAfter, probability, ratePerSecond, burst, outageAfter, outage);
    }

    /** At most {@code perSecond} requests a second on average, {@code burstSize} at once; more are throttled. */
    public WireFaults withRateLimit(double perSecond, int burstSize) {
        return new WireFaults(latency, statusProbability, status, statusRetryAfter, throttleProbability,
                throttleRetryAfter, resetProbability, perSecond, Math.max(1, burstSize), outageAfter, outage);
    }

    /** The backend goes away when request number {@code afterRequests} arrives, for {@code duration}. */
    public WireFaults withOutage(long afterRequests, Duration duration) {
        return new WireFaults(latency, statusProbability, status, statusRetryAfter, throttleProbability,
                throttleRetryAfter, resetProbability, ratePerSecond, burst, afterRequests, duration);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!latency.isZero()) {
            parts.add("latency " + latency.toMillis() + " ms");
        }
        if (statusProbability > 0) {
            parts.add(percent(statusProbability) + " answered " + status + " (" + statusRetryAfter + ")");
        }
        if (throttleProbability > 0) {
            parts.add(percent(throttleProbability) + " throttled (" + throttleRetryAfter + ")");
        }
        if (resetProbability > 0) {
            parts.add(percent(resetProbability) + " reset after the backend answered");
        }
        if (ratePerSecond > 0) {
            parts.add("rate limit " + ratePerSecond + "/s, burst " + burst);
        }
        if (outageAfter > 0) {
            parts.add("outage of " + outage.toSeconds() + " s at request " + outageAfter);
        }
        return parts.isEmpty() ? "no faults" : String.join(", ", parts);
    }

    private static String percent(double probability) {
        return Math.round(probability * 100) + "%";
    }
}
