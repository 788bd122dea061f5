package dev.converge.testing.wire;

/**
 * What a {@link FaultProxy} saw and did since it started (or since {@link FaultProxy#resetStats}).
 *
 * @param requests requests received
 * @param admitted requests under the rate limit (each took a token; all requests when there is no limit):
 *     the calls the backend's capacity was spent on, including those then answered with an injected fault
 * @param rateLimited requests over the rate limit, answered with the backend's throttling error
 * @param forwarded requests passed to the backend (including those whose answer was then cut off)
 * @param statuses requests answered with an injected status
 * @param throttles requests answered with an injected throttling error (apart from the rate limit's)
 * @param resets answers of the backend cut off by a reset
 * @param outages outages started
 * @param refusedDuringOutage connections cut off when an outage started
 */
public record WireStats(long requests, long admitted, long rateLimited, long forwarded, long statuses, long throttles,
        long resets, long outages, long refusedDuringOutage) {

    /** Every injected fault: statuses, throttles (rate limit included), resets and outages. */
    public long faults() {
        return statuses + throttles + rateLimited + resets + outages;
    }

    @Override
    public String toString() {
        return requests + " requests: " + admitted + " admitted, " + rateLimited + " over the rate limit, " + forwarded
                + " forwarded, " + statuses + " answered with a status, " + throttles + " throttled, " + resets
                + " reset after the backend answered, " + outages + " outage(s)";
    }
}
