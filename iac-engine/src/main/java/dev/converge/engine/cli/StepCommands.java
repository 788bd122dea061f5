package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.DeploymentResult;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import java.util.Optional;

/**
 * Step control of strategy-managed deployments: {@code deploy --pause-at STEP} applies and stops each
 * deployment after that step, {@code promote ADDR} continues a paused one through its remaining verified
 * steps, {@code abort ADDR} routes all traffic back to the stable version and deletes the new one. The
 * phase lives in state, so these commands may run in different processes, hours apart.
 */
final class StepCommands {

    private StepCommands() {
    }

    /** The value of {@code --pause-at STEP}, or null without one. */
    private static DeploymentStep pauseAt(Arguments args) {
        String step = args.value("--pause-at", String.class);
        try {
            return step == null ? null : DeploymentStep.parse(step);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '--pause-at': " + e.getMessage());
        }
    }

    static final class Deploy extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("deploy", "Apply; strategy-managed changes run step by"
                + " step, --pause-at stops them after a step (preview, a canary share such as 10, switch, mirror).")
                .with(CommonOptions.OPTIONS).with(PlanCommand.TargetOptions.OPTIONS)
                .with(ApplyCommand.AUTO_APPROVE, OptionSpec.flag("--unpin", "apply even though a rollback pinned the stack"),
                        OptionSpec.text("--pause-at", "STEP", "stop each deployment after this step; continue with"
                                + " 'promote ADDR', end with 'abort ADDR'"));

        Deploy(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            DeploymentStep pauseAt = pauseAt(args);
            ApplyRequest request = ApplyRequest.of(new PlanCommand.TargetOptions(args).options(Plan.Mode.NORMAL))
                    .withUnpin(args.flag("--unpin"));
            ApplyFlow flow = new ApplyFlow(context, common);
            int code = flow.run("deploy", pauseAt == null ? request : request.withPauseAt(pauseAt),
                    args.flag("--auto-approve"), StackEngine::deploy);
            ApplyFlow.printPaused(context, common.stack, flow.result());
            return code;
        }
    }

    static final class Promote extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("promote", "Continue a paused deployment (promote"
                + " ADDR), or release to one stack what another verified (promote --from preprod --to prod).")
                .with(CommonOptions.OPTIONS)
                .with(OptionSpec.text("--pause-at", "STEP", "stop again after this step"),
                        OptionSpec.text("--from", "STACK", "the stack whose verified release to promote"),
                        OptionSpec.text("--to", "STACK", "the stack to release it to"),
                        OptionSpec.flag("--auto-approve", "do not ask for confirmation (with --from)"))
                .with(ParameterSpec.optional("ADDR", "the paused service, such as erlbank/accounts"));

        Promote(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            DeploymentStep pauseAt = pauseAt(args);
            String from = args.value("--from", String.class);
            String to = args.value("--to", String.class);
            boolean autoApprove = args.flag("--auto-approve");
            String address = args.parameter("ADDR");
            if (from != null || to != null) {
                if (from == null || to == null || address != null) {
                    throw ConvergeException.of("", "promote between stacks needs both --from and --to and no ADDR",
                            "for example: converge promote --from preprod --to prod");
                }
                return new ApplyFlow(context, common).run(to, "promote", ApplyRequest.normal(), autoApprove,
                        (engine, request) -> engine.promoteRelease(from, request));
            }
            if (address == null) {
                throw ConvergeException.of("", "promote needs the address of a paused deployment, or --from/--to",
                        "converge promote erlbank/accounts, or converge promote --from preprod --to prod");
            }
            try (StackEngine engine = context.printingEngine(common)) {
                return report(context, engine.promoteDeployment(Address.parse(address), Optional.ofNullable(pauseAt)));
            }
        }
    }

    static final class Abort extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("abort", "End a paused deployment: all traffic back on"
                + " the stable version, the new version deleted.").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.required("ADDR", "the paused service, such as erlbank/accounts"));

        Abort(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            try (StackEngine engine = context.printingEngine(new CommonOptions(args))) {
                return report(context, engine.abortDeployment(Address.parse(args.parameter("ADDR"))));
            }
        }
    }

    /** Prints how a promote or abort ended; its exit code. */
    private static int report(CliContext context, DeploymentResult result) {
        result.failures().forEach(failure -> context.err().println(failure.render()));
        if (!result.succeeded()) {
            return 1;
        }
        String operation = result.action() == DeploymentResult.Action.ABORT ? "abort" : "promote";
        context.out().println(result.address() + ": " + operation + " complete; live version " + result.live()
                + ", phase " + result.phase().text() + ".");
        return 0;
    }
}
