package dev.converge.engine.deploy;

import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Shadow;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.MirrorStats;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of each strategy. Every step first restores the routing that state records (all traffic
 * on the stable version), so a run interrupted between steps is rolled back to a known point and then
 * carried out again. A failed verification routes everything back to the stable version, deletes the
 * new version and fails with the reason; clients never wait on a version that failed.
 */
final class Strategies {

    private Strategies() {
    }

    /** The first version: started, verified through the preview endpoint, then given all traffic. */
    static Map<String, Object> create(Rollout r) {
        r.router();
        Rollout.Instance first = r.start("blue");
        r.route(List.of(), Optional.of(first.weighted(100)), Optional.empty());
        Optional<String> failure = r.verifyPreview();
        if (failure.isPresent()) {
            r.stop(first);
            r.trafficRouter().deleteRouter(r.router().id());
            throw r.failed("blue", failure.get(), "none: nothing was released");
        }
        r.route(List.of(first.weighted(100)), Optional.empty(), Optional.empty());
        return r.outputs("blue", "stable", List.of(first));
    }

    /** A changed service, carried out by the strategy of {@code type}. */
    static Map<String, Object> update(Rollout r, String type, Map<String, Object> prior) {
        String live = Values.string(prior, "live");
        Map<String, Object> instances = Values.mapOf(prior, "instances");
        Rollout.Instance stable = Rollout.Instance.fromMap(live, Values.mapOf(instances, live));
        String idle = Rollout.other(live);
        // Restore what state says, whatever an interrupted run left behind.
        r.route(List.of(stable.weighted(100)), Optional.empty(), Optional.empty());
        r.remove(idle, Values.mapOf(Values.mapOf(instances, idle), "inputs"));
        Rollout.Instance next = r.start(idle);
        r.route(List.of(stable.weighted(100)), Optional.of(next.weighted(100)), Optional.empty());
        failIfBad(r, next, stable, r.verifyPreview());
        return switch (type) {
            case BlueGreen.TYPE -> blueGreen(r, stable, next);
            case Canary.TYPE -> canary(r, stable, next);
            case Shadow.TYPE -> shadow(r, stable, next);
            default -> throw new IllegalArgumentException("unknown strategy " + type);
        };
    }

    /** Switch at once; the old colour stays as the instant switch-back (preview endpoint reaches it). */
    private static Map<String, Object> blueGreen(Rollout r, Rollout.Instance stable, Rollout.Instance next) {
        r.route(List.of(next.weighted(100)), Optional.of(stable.weighted(100)), Optional.empty());
        return r.outputs(next.slot(), "stable", List.of(next, stable));
    }

    /** Growing shares, verified after each step's pause; the stable version is retired at the end. */
    private static Map<String, Object> canary(Rollout r, Rollout.Instance stable, Rollout.Instance next) {
        long pause = r.number("stepPauseMillis", 2000);
        for (Object step : Values.listOf(r.inputs(), "steps")) {
            int percent = ((Number) step).intValue();
            r.route(percent >= 100 ? List.of(next.weighted(100))
                    : List.of(stable.weighted(100 - percent), next.weighted(percent)),
                    Optional.of(next.weighted(100)), Optional.empty());
            failIfBad(r, next, stable, watch(r, pause).map(reason -> "at " + percent + "%: " + reason));
        }
        r.route(List.of(next.weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.stop(stable);
        return r.outputs(next.slot(), "stable", List.of(next));
    }

    /** Mirror every request to the shadow, judge its answers, then promote it or delete it. */
    private static Map<String, Object> shadow(Rollout r, Rollout.Instance stable, Rollout.Instance next) {
        r.route(List.of(stable.weighted(100)), Optional.of(next.weighted(100)), Optional.of(next.weighted(100)));
        sleep(r.number("observeMillis", 10_000));
        MirrorStats stats = r.trafficRouter().mirrorStats(r.router().id());
        failIfBad(r, next, stable, judge(r, stats));
        r.route(List.of(next.weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.stop(stable);
        Map<String, Object> outputs = new java.util.LinkedHashMap<>(r.outputs(next.slot(), "stable", List.of(next)));
        outputs.put("verification", Map.of("requests", stats.requests(), "mirrored", stats.mirrored(),
                "failed", stats.failed()));
        return outputs;
    }

    /**
     * Verifies the new version again and again for {@code millis} (at least once), so a version that
     * breaks while it has a share of the traffic is caught within about one probe run.
     */
    private static Optional<String> watch(Rollout r, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            Optional<String> failure = r.verifyPreview();
            if (failure.isPresent()) {
                return failure;
            }
            sleep(Math.min(500, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** Why the shadow's answers do not allow promotion, or empty when they do. */
    private static Optional<String> judge(Rollout r, MirrorStats stats) {
        long min = r.number("minMirrored", 20);
        double max = ((Number) r.inputs().getOrDefault("maxFailureRatio", 0.05)).doubleValue();
        if (stats.mirrored() < min) {
            return Optional.of("only " + stats.mirrored() + " mirrored requests in the observation window, " + min
                    + " needed to judge the shadow; observe longer or send traffic");
        }
        if (stats.failureRatio() > max) {
            return Optional.of(String.format("%d of %d mirrored requests failed (%.1f%%, at most %.1f%% allowed)",
                    stats.failed(), stats.mirrored(), stats.failureRatio() * 100, max * 100));
        }
        return Optional.empty();
    }

    private static void failIfBad(Rollout r, Rollout.Instance next, Rollout.Instance stable, Optional<String> failure) {
        if (failure.isEmpty()) {
            return;
        }
        r.route(List.of(stable.weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.stop(next);
        throw r.failed(next.slot() + ", " + imageOf(next.inputs()), failure.get(),
                stable.slot() + ", " + imageOf(stable.inputs()));
    }

    /**
     * The instance's image for messages: a top-level {@code image} (Docker) or the first one nested in
     * the inputs (a Kubernetes Deployment's {@code spec.template.spec.containers[0].image}).
     */
    static String imageOf(Object inputs) {
        if (inputs instanceof Map<?, ?> map) {
            if (map.get("image") instanceof String image) {
                return image;
            }
            for (Object value : map.values()) {
                String nested = imageOf(value);
                if (nested != null) {
                    return nested;
                }
            }
        } else if (inputs instanceof List<?> list) {
            for (Object value : list) {
                String nested = imageOf(value);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    /** Lets requests already sent to a version that no longer gets traffic finish before it stops. */
    private static void drain() {
        sleep(1000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.converge.spi.ProviderException("interrupted during a deployment step", true, e);
        }
    }
}
