package dev.converge.engine.automation;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.state.ResourceState;
import java.util.List;

/**
 * {@link StackEngine#promoteRelease}: releases to this stack exactly what another stack verified. Refuses
 * (nothing changed) unless that stack's last release succeeded and still stands, none of its deployments is
 * paused, the program is the commit its release was made from, and every service this stack would run has
 * the image it verified; then applies this stack like {@code apply} (strategies with their verification)
 * and records the release as a promotion. Not thread-safe.
 */
final class StackPromotion {

    private final Pipeline pipeline;
    private final Events events;

    StackPromotion(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    ApplyResult run(String from, ApplyRequest request) {
        String to = pipeline.settings().stack();
        if (from.equals(to)) {
            throw ConvergeException.of("", "promote --from and --to name the same stack '" + from + "'",
                    "promote from the pre-production stack to another one, such as --from preprod --to prod");
        }
        Release verified = verifiedRelease(from);
        List<String> problems = Promotion.differences(verified, Releases.currentCommit(pipeline.settings().workDir()),
                pipeline.graph());
        if (!problems.isEmpty()) {
            throw ConvergeException.of("", "stack '" + to + "' would not get what '" + from + "' verified in"
                    + " release " + verified.serial() + ":\n  " + String.join("\n  ", problems),
                    "release the same program and artifacts to '" + from + "' first, or check out what it"
                            + " verified; nothing was changed");
        }
        events.emit(new EngineEvent.PromotionStarted(from, to, verified.serial(), verified.commit(),
                verified.services().size()));
        return new ApplyRun(pipeline, events).run("promote", PlanOptions.normal(), request, true);
    }

    private Release verifiedRelease(String from) {
        ReleaseLog log = new ReleaseLog(pipeline.settings().workDir(), from);
        try {
            Release verified = Promotion.verified(from, log.list(), log.pin().isPresent());
            try (Pipeline source = new Pipeline(pipeline.settings().forStack(from), events)) {
                for (ResourceState resource : source.state().resources().values()) {
                    if (resource.type().startsWith(DeployProvider.TYPE_PREFIX)
                            && DeployProvider.paused(resource.outputs())) {
                        throw new Promotion.PromotionRefused(resource.address() + " in '" + from + "' is paused mid-"
                                + "deployment: its release is not verified yet", "finish it with 'converge promote "
                                + resource.address() + " --stack " + from + "' (or abort it), then promote");
                    }
                }
            }
            return verified;
        } catch (Promotion.PromotionRefused refused) {
            throw ConvergeException.of("", refused.getMessage(), refused.fix() + "; nothing was changed");
        }
    }
}
