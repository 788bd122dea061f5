package dev.converge.engine.deploy;

import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.DeploymentPhase;
import dev.converge.api.deploy.DeploymentStep;
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
        r.events().verified(r.address(), DeploymentStep.PREVIEW, version(first), failure);
        if (failure.isPresent()) {
            r.stop(first);
            r.trafficRouter().deleteRouter(r.router().id());
            throw r.failed("blue", failure.get(), "none: nothing was released");
        }
        r.route(List.of(first.weighted(100)), Optional.empty(), Optional.empty());
        return r.outputs("blue", DeploymentPhase.STABLE, List.of(first));
    }

    /**
     * A changed service, carried out by the strategy of {@code type} from its first step; stops after the
     * step {@code pauseAt} names (see {@link #steps}) when it is not empty, leaving both versions running.
     */
    static Map<String, Object> update(Rollout r, String type, Map<String, Object> prior, Map<String, Object> priorInputs,
            Optional<DeploymentStep> pauseAt) {
        List<DeploymentStep> steps = steps(type, r.inputs());
        pauseAt.filter(step -> !steps.contains(step)).ifPresent(step -> {
            throw ProviderException.fatal(r.address() + ": --pause-at " + step + " names no step of this "
                    + type.substring(type.indexOf(':') + 1) + "; its steps are " + names(steps));
        });
        String live = ServiceRecord.live(prior);
        Rollout.Instance stable = ServiceRecord.instance(prior, live);
        String idle = Rollout.other(live);
        Rollout.Instance leftover = ServiceRecord.instance(prior, idle);
        // Restore what state says, whatever an interrupted or paused run left behind.
        r.route(List.of(stable.weighted(100)), Optional.empty(), Optional.empty());
        r.remove(idle, leftover == null ? Map.of() : leftover.inputs());
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
        String live = ServiceRecord.live(prior);
        Rollout.Instance stable = ServiceRecord.instance(prior, live);
        r.route(List.of(stable.weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.remove(Rollout.other(live), Map.of());
        return r.outputs(live, DeploymentPhase.STABLE, List.of(stable));
    }

    /** Continues a paused deployment ({@code paused} are its outputs) after the step it paused at. */
    static Map<String, Object> resume(Rollout r, String type, Map<String, Object> paused,
            Optional<DeploymentStep> pauseAt) {
        Versions versions = Versions.of(paused);
        List<DeploymentStep> steps = steps(type, r.inputs());
        int next = steps.indexOf(ServiceRecord.pausedAt(paused).orElseThrow()) + 1;
        return run(r, type, versions, next, pauseAt);
    }

    /** Ends a paused deployment: all traffic back on the stable version, the new version deleted. */
    static Map<String, Object> abort(Rollout r, Map<String, Object> paused) {
        Versions versions = Versions.of(paused);
        r.route(List.of(versions.stable().weighted(100)), Optional.empty(), Optional.empty());
        drain();
        r.stop(versions.next());
        return ServiceRecord.settledOnStable(paused);
    }

    /**
     * The steps of a strategy, in order; each is a point a deployment can pause at. {@code preview}: the
     * new version runs and passed its checks, no client traffic reaches it. Blue/green then
     * {@code switch}es; a canary takes each share in turn ({@code 10}, {@code 50}, {@code 100}); a shadow
     * {@code mirror}s every request to the new version, and is judged and promoted after it.
     */
    static List<DeploymentStep> steps(String type, Map<String, Object> inputs) {
        List<DeploymentStep> steps = new ArrayList<>(List.of(DeploymentStep.PREVIEW));
        switch (type) {
            case BlueGreen.TYPE -> steps.add(DeploymentStep.SWITCH);
            case Canary.TYPE -> Values.listOf(inputs, "steps").forEach(p -> steps.add(DeploymentStep.share(
                    ((Number) p).intValue())));
            case Shadow.TYPE -> steps.add(DeploymentStep.MIRROR);
            default -> throw new IllegalArgumentException("unknown strategy " + type);
        }
        return steps;
    }

    private static String names(List<DeploymentStep> steps) {
        return String.join(", ", steps.stream().map(DeploymentStep::toString).toList());
    }

    /** The stable version, the new one, and the service's inputs before this deployment. */
    private record Versions(Rollout.Instance stable, Rollout.Instance next, Map<String, Object> stableInputs) {

        static Versions of(Map<String, Object> paused) {
            return new Versions(ServiceRecord.instance(paused, ServiceRecord.live(paused)),
                    ServiceRecord.instance(paused, ServiceRecord.candidate(paused)), ServiceRecord.stableInputs(paused));
        }
    }

    /** Runs the steps from index {@code from}, pausing after {@code pauseAt}, then finishes the strategy. */
    private static Map<String, Object> run(Rollout r, String type, Versions v, int from,
            Optional<DeploymentStep> pauseAt) {
        List<DeploymentStep> steps = steps(type, r.inputs());
        for (int i = from; i < steps.size(); i++) {
            DeploymentStep step = steps.get(i);
            boolean pausing = pauseAt.filter(step::equals).isPresent();
            Optional<String> failure;
            try {
                failure = step(r, v, step, pausing);
            } catch (ProviderException e) {
                throw backOut(r, v, step, e);
            }
            if (verifies(step)) {
                r.events().verified(r.address(), step, version(v.next()), failure);
            }
            failIfBad(r, v.next(), v.stable(), failure);
            r.events().stepReached(r.address(), step);
            if (pausing) {
                return ServiceRecord.paused(r.outputs(v.stable().slot(), DeploymentPhase.PAUSED,
                        List.of(v.stable(), v.next())), step, v.next().slot(), v.stableInputs());
            }
        }
        return switch (type) {
            case BlueGreen.TYPE -> r.outputs(v.next().slot(), DeploymentPhase.STABLE, List.of(v.next(), v.stable()));
            case Canary.TYPE -> retire(r, v.stable(), v.next(), Map.of());
            case Shadow.TYPE -> promoteShadow(r, v);
            default -> throw new IllegalArgumentException("unknown strategy " + type);
        };
    }

    /**
     * One step; a step that is paused at does not wait out its observation time (the user decides). The
     * reason the new version failed its checks at this step, or empty.
     */
    private static Optional<String> step(Rollout r, Versions v, DeploymentStep step, boolean pausing) {
        Rollout.Instance stable = v.stable();
        Rollout.Instance next = v.next();
        return switch (step.kind()) {
            case PREVIEW -> {
                r.route(List.of(stable.weighted(100)), Optional.of(next.weighted(100)), Optional.empty());
                yield r.verifyPreview(next);
            }
            case SWITCH -> {
                // The old colour stays as the instant switch-back (the preview endpoint reaches it).
                r.route(List.of(next.weighted(100)), Optional.of(stable.weighted(100)), Optional.empty());
                yield Optional.empty();
            }
            case MIRROR -> {
                r.route(List.of(stable.weighted(100)), Optional.of(next.weighted(100)), Optional.of(next.weighted(100)));
                sleep(pausing ? 0 : r.number("observeMillis", 10_000));
                yield Optional.empty();
            }
            case SHARE -> {
                int percent = step.percent();
                r.route(percent >= 100 ? List.of(next.weighted(100))
                        : List.of(stable.weighted(100 - percent), next.weighted(percent)),
                        Optional.of(next.weighted(100)), Optional.empty());
                yield watch(r, next, r.number("stepPauseMillis", 2000)).map(reason -> "at " + percent + "%: " + reason);
            }
        };
    }

    /** Whether {@code step} ends with a verification of the new version (the others only route). */
    private static boolean verifies(DeploymentStep step) {
        return switch (step.kind()) {
            case PREVIEW, SHARE -> true;
            case SWITCH, MIRROR -> false;
        };
    }

    /**
     * A step the platform could not carry out (the router refused or its API failed): all traffic back to
     * the stable version and the new one deleted, as after a failed check. If that fails too, the run
     * stops as it is and the next one repairs it as an interrupted deployment.
     */
    private static ProviderException backOut(Rollout r, Versions v, DeploymentStep step, ProviderException cause) {
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
        Map<String, Object> outputs = new LinkedHashMap<>(r.outputs(next.slot(), DeploymentPhase.STABLE, List.of(next)));
        outputs.putAll(extra);
        return Values.normalizeMap(outputs);
    }

    /** Judges the shadow's answers to the requests mirrored since the mirror step, then promotes it. */
    private static Map<String, Object> promoteShadow(Rollout r, Versions v) {
        MirrorStats stats = r.trafficRouter().mirrorStats(r.router().id());
        Optional<String> verdict = judge(r, stats);
        r.events().verified(r.address(), DeploymentStep.MIRROR, version(v.next()), verdict);
        failIfBad(r, v.next(), v.stable(), verdict);
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
