package dev.converge.engine.deploy;

import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Shadow;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Optional<String> failure = r.verifyPreview(first);
        if (failure.isPresent()) {
            r.stop(first);
            r.trafficRouter().deleteRouter(r.router().id());
            throw r.failed("blue", failure.get(), "none: nothing was released");
        }
        r.route(List.of(first.weighted(100)), Optional.empty(), Optional.empty());
        return r.outputs("blue", "stable", List.of(first));
    }

    /**
     * A changed service, carried out by the strategy of {@code type} from its first step; stops after the
     * step {@code pauseAt} names (see {@link #steps}) when it is not empty, leaving both versions running.
     */
    static Map<String, Object> update(Rollout r, String type, Map<String, Object> prior, Map<String, Object> priorInputs,
            Optional<String> pauseAt) {
        List<String> steps = steps(type, r.inputs());
        pauseAt.filter(step -> !steps.contains(step)).ifPresent(step -> {
            throw ProviderException.fatal(r.address() + ": --pause-at " + step + " names no step of this "
                    + type.substring(type.indexOf(':') + 1) + "; its steps are " + String.join(", ", steps));
        });
        String live = Values.string(prior, "live");
        Map<String, Object> instances = Values.mapOf(prior, "instances");
        Rollout.Instance stable = Rollout.Instance.fromMap(live, Values.mapOf(instances, live));
        String idle = Rollout.other(live);
        // Restore what state says, whatever an interrupted or paused run left behind.
        r.route(List.of(stable.weighted(100)), Optional.empty(), Optional.empty());
        r.remove(idle, Values.mapOf(Values.mapOf(instances, idle), "inputs"));
        Rollout.Instance next = r.start(idle);
        return run(r, type, new Versions(stable, next, priorInputs), 0, pauseAt);
    }

    /**
     * Repairs a deployment a killed run left between steps, when the program still wants what state
     * records: all traffic back on the recorded live version, and whatever runs under the other slot's
     * stable name deleted. (When the program wants a new version, {@link #update} restores the same way
     * and then deploys it.)
     */
    static Map<String, Object> repair(Rollout r, Map<String, Object> prior) {
        String live = Values.string(prior, "live");
        Rollout.Instance stable = Rollout.Instance.fromMap(live, Values.mapOf(Values.mapOf(prior, "instances"), live));
        r.route(List.of(stable.weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.remove(Rollout.other(live), Map.of());
        return r.outputs(live, "stable", List.of(stable));
    }

    /** Continues a paused deployment ({@code paused} are its outputs) after the step it paused at. */
    static Map<String, Object> resume(Rollout r, String type, Map<String, Object> paused, Optional<String> pauseAt) {
        Versions versions = Versions.of(paused);
        List<String> steps = steps(type, r.inputs());
        int next = steps.indexOf(Values.string(paused, "pausedAt")) + 1;
        return run(r, type, versions, next, pauseAt);
    }

    /** Ends a paused deployment: all traffic back on the stable version, the new version deleted. */
    static Map<String, Object> abort(Rollout r, Map<String, Object> paused) {
        Versions versions = Versions.of(paused);
        r.route(List.of(versions.stable().weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.stop(versions.next());
        return settledOnStable(paused);
    }

    /**
     * The outputs of a paused deployment whose new version is gone: the stable version live and alone.
     * Pure; what state records after an abort or a failed promotion.
     */
    static Map<String, Object> settledOnStable(Map<String, Object> paused) {
        Map<String, Object> outputs = new LinkedHashMap<>(paused);
        outputs.putAll(Values.mapOf(paused, "stableInputs"));
        String live = Values.string(paused, "live");
        outputs.put("instances", Map.of(live, Values.mapOf(Values.mapOf(paused, "instances"), live)));
        outputs.put("phase", "stable");
        outputs.keySet().removeAll(List.of("pausedAt", "candidate", "stableInputs"));
        return Values.normalizeMap(outputs);
    }

    /**
     * The steps of a strategy, in order; each is a point a deployment can pause at. {@code preview}: the
     * new version runs and passed its checks, no client traffic reaches it. Blue/green then
     * {@code switch}es; a canary takes each share in turn ({@code 10}, {@code 50}, {@code 100}); a shadow
     * {@code mirror}s every request to the new version, and is judged and promoted after it.
     */
    static List<String> steps(String type, Map<String, Object> inputs) {
        List<String> steps = new ArrayList<>(List.of("preview"));
        switch (type) {
            case BlueGreen.TYPE -> steps.add("switch");
            case Canary.TYPE -> Values.listOf(inputs, "steps").forEach(p -> steps.add(String.valueOf(p)));
            case Shadow.TYPE -> steps.add("mirror");
            default -> throw new IllegalArgumentException("unknown strategy " + type);
        }
        return steps;
    }

    /** The stable version, the new one, and the service's inputs before this deployment. */
    private record Versions(Rollout.Instance stable, Rollout.Instance next, Map<String, Object> stableInputs) {

        static Versions of(Map<String, Object> paused) {
            Map<String, Object> instances = Values.mapOf(paused, "instances");
            String live = Values.string(paused, "live");
            String candidate = Values.string(paused, "candidate");
            return new Versions(Rollout.Instance.fromMap(live, Values.mapOf(instances, live)),
                    Rollout.Instance.fromMap(candidate, Values.mapOf(instances, candidate)),
                    Values.mapOf(paused, "stableInputs"));
        }
    }

    /** Runs the steps from index {@code from}, pausing after {@code pauseAt}, then finishes the strategy. */
    private static Map<String, Object> run(Rollout r, String type, Versions v, int from, Optional<String> pauseAt) {
        List<String> steps = steps(type, r.inputs());
        for (int i = from; i < steps.size(); i++) {
            String step = steps.get(i);
            boolean pausing = pauseAt.filter(step::equals).isPresent();
            Optional<String> failure;
            try {
                failure = step(r, v, step, pausing);
            } catch (ProviderException e) {
                throw backOut(r, v, step, e);
            }
            failIfBad(r, v.next(), v.stable(), failure);
            if (pausing) {
                Map<String, Object> outputs = new LinkedHashMap<>(r.outputs(v.stable().slot(), "paused",
                        List.of(v.stable(), v.next())));
                outputs.put("pausedAt", step);
                outputs.put("candidate", v.next().slot());
                outputs.put("stableInputs", v.stableInputs());
                return Values.normalizeMap(outputs);
            }
        }
        return switch (type) {
            case BlueGreen.TYPE -> r.outputs(v.next().slot(), "stable", List.of(v.next(), v.stable()));
            case Canary.TYPE -> retire(r, v.stable(), v.next(), Map.of());
            case Shadow.TYPE -> promoteShadow(r, v);
            default -> throw new IllegalArgumentException("unknown strategy " + type);
        };
    }

    /**
     * One step; a step that is paused at does not wait out its observation time (the user decides). The
     * reason the new version failed its checks at this step, or empty.
     */
    private static Optional<String> step(Rollout r, Versions v, String step, boolean pausing) {
        Rollout.Instance stable = v.stable();
        Rollout.Instance next = v.next();
        switch (step) {
            case "preview" -> {
                r.route(List.of(stable.weighted(100)), Optional.of(next.weighted(100)), Optional.empty());
                return r.verifyPreview(next);
            }
            // The old colour stays as the instant switch-back (the preview endpoint reaches it).
            case "switch" -> r.route(List.of(next.weighted(100)), Optional.of(stable.weighted(100)), Optional.empty());
            case "mirror" -> {
                r.route(List.of(stable.weighted(100)), Optional.of(next.weighted(100)), Optional.of(next.weighted(100)));
                sleep(pausing ? 0 : r.number("observeMillis", 10_000));
            }
            default -> {
                int percent = Integer.parseInt(step);
                r.route(percent >= 100 ? List.of(next.weighted(100))
                        : List.of(stable.weighted(100 - percent), next.weighted(percent)),
                        Optional.of(next.weighted(100)), Optional.empty());
                return watch(r, next, r.number("stepPauseMillis", 2000)).map(reason -> "at " + percent + "%: " + reason);
            }
        }
        return Optional.empty();
    }

    /**
     * A step the platform could not carry out (the router refused or its API failed): all traffic back to
     * the stable version and the new one deleted, as after a failed check. If that fails too, the run
     * stops as it is and the next one repairs it as an interrupted deployment.
     */
    private static ProviderException backOut(Rollout r, Versions v, String step, ProviderException cause) {
        try {
            r.route(List.of(v.stable().weighted(100)), Optional.empty(), Optional.empty());
            r.stop(v.next());
        } catch (RuntimeException alsoFailed) {
            cause.addSuppressed(alsoFailed);
            return cause;
        }
        return cause.withMessage("step " + step + " of the deployment failed: " + cause.getMessage()
                + "; all traffic is back on the stable version (" + version(v.stable())
                + ") and the new version was deleted");
    }

    /** Gives the new version all traffic and deletes the stable one once its requests are done. */
    private static Map<String, Object> retire(Rollout r, Rollout.Instance stable, Rollout.Instance next,
            Map<String, Object> extra) {
        r.route(List.of(next.weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.stop(stable);
        Map<String, Object> outputs = new LinkedHashMap<>(r.outputs(next.slot(), "stable", List.of(next)));
        outputs.putAll(extra);
        return Values.normalizeMap(outputs);
    }

    /** Judges the shadow's answers to the requests mirrored since the mirror step, then promotes it. */
    private static Map<String, Object> promoteShadow(Rollout r, Versions v) {
        MirrorStats stats = r.trafficRouter().mirrorStats(r.router().id());
        failIfBad(r, v.next(), v.stable(), judge(r, stats));
        return retire(r, v.stable(), v.next(), Map.of("verification", Map.of("requests", stats.requests(),
                "mirrored", stats.mirrored(), "failed", stats.failed())));
    }

    /**
     * Verifies the new version again and again for {@code millis} (at least once), so a version that
     * breaks while it has a share of the traffic is caught within about one probe run.
     */
    private static Optional<String> watch(Rollout r, Rollout.Instance next, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            Optional<String> failure = r.verifyPreview(next);
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
        throw r.failed(version(next), failure.get(), version(stable));
    }

    /** A version for messages: its slot and artifact (an image, even nested, or an instance's AMI) if any. */
    private static String version(Rollout.Instance instance) {
        String artifact = imageOf(instance.inputs());
        artifact = artifact != null ? artifact : Values.string(instance.inputs(), "imageId");
        return instance.slot() + (artifact == null ? "" : ", " + artifact);
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
            throw ProviderException.retryable("interrupted during a deployment step", e);
        }
    }
}
