package dev.converge.engine.cli;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.Engine;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.engine.deploy.Promotion;
import dev.converge.engine.deploy.Release;
import dev.converge.engine.deploy.ReleaseLog;
import dev.converge.engine.deploy.Releases;
import java.util.List;

/**
 * {@code promote --from A --to B}: releases to stack B exactly what stack A verified. Refuses (exit 1,
 * nothing changed) unless A's last release succeeded and still stands, no deployment in A is paused, the
 * program is the commit A's release was made from, and every service B would run has the image A
 * verified; then applies B like {@code apply} (strategies with their verification) and records the
 * release as a promotion.
 */
final class StackPromotion {

    private final CliContext context;
    private final CommonOptions common;
    private final String from;
    private final String to;

    StackPromotion(CliContext context, CommonOptions common, String from, String to) {
        this.context = context;
        this.common = common;
        this.from = from;
        this.to = to;
    }

    int run(boolean autoApprove) {
        if (from.equals(to)) {
            throw ConvergeException.of("", "promote --from and --to name the same stack '" + from + "'",
                    "promote from the pre-production stack to another one, such as --from preprod --to prod");
        }
        Release verified = verifiedRelease();
        CommonOptions target = retarget();
        try (Engine engine = context.engine(target)) {
            List<String> problems = Promotion.differences(verified, Releases.currentCommit(context.workDir()),
                    engine.graph());
            if (!problems.isEmpty()) {
                throw ConvergeException.of("", "stack '" + to + "' would not get what '" + from + "' verified in"
                        + " release " + verified.serial() + ":\n  " + String.join("\n  ", problems),
                        "release the same program and artifacts to '" + from + "' first, or check out what it"
                                + " verified; nothing was changed");
            }
        }
        context.out().println("Promoting release " + verified.serial() + " of '" + from + "'"
                + (verified.commit().isEmpty() ? "" : " (commit " + verified.commit().substring(0, 8) + ")")
                + " to '" + to + "': " + verified.services().size() + " service(s) verified.");
        ReleaseCommands.checkPin(context, target, false);
        return new ApplyFlow(context, target).run(dev.converge.engine.plan.PlanOptions.normal(), null, autoApprove,
                "promote");
    }

    private Release verifiedRelease() {
        ReleaseLog log = new ReleaseLog(context.workDir(), from);
        try {
            Release verified = Promotion.verified(from, log.list(), log.pin().isPresent());
            try (Engine engine = context.engine(options(from))) {
                engine.state().resources().values().stream().filter(r -> DeployProvider.paused(r.outputs()))
                        .findFirst().ifPresent(r -> {
                            throw new Promotion.PromotionRefused(r.address() + " in '" + from + "' is paused mid-"
                                    + "deployment: its release is not verified yet", "finish it with 'converge promote "
                                    + r.address() + " --stack " + from + "' (or abort it), then promote");
                        });
            }
            return verified;
        } catch (Promotion.PromotionRefused refused) {
            throw ConvergeException.of("", refused.getMessage(), refused.fix() + "; nothing was changed");
        }
    }

    private CommonOptions retarget() {
        return options(to);
    }

    private CommonOptions options(String stack) {
        CommonOptions options = new CommonOptions();
        options.stack = stack;
        options.parallelism = common.parallelism;
        options.lockTimeout = common.lockTimeout;
        options.refresh = common.refresh;
        options.noColor = common.noColor;
        return options;
    }
}
