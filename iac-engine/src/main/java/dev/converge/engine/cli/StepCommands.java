package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.DeploymentResult;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * Step control of strategy-managed deployments: {@code deploy --pause-at STEP} applies and stops each
 * deployment after that step, {@code promote ADDR} continues a paused one through its remaining verified
 * steps, {@code abort ADDR} routes all traffic back to the stable version and deletes the new one. The
 * phase lives in state, so these commands may run in different processes, hours apart.
 */
final class StepCommands {

    private StepCommands() {
    }

    static void register(picocli.CommandLine root, CliContext context) {
        root.addSubcommand("deploy", new Deploy(context));
        root.addSubcommand("promote", new Promote(context));
        root.addSubcommand("abort", new Abort(context));
    }

    /** Reads {@code --pause-at STEP}. */
    static final class StepConverter implements ITypeConverter<DeploymentStep> {
        @Override
        public DeploymentStep convert(String value) {
            try {
                return DeploymentStep.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Command(name = "deploy", description = "Apply; strategy-managed changes run step by step, --pause-at stops"
            + " them after a step (preview, a canary share such as 10, switch, mirror).")
    static final class Deploy implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Mixin
        PlanCommand.TargetOptions targeting;

        @Option(names = "--auto-approve", description = "do not ask for confirmation")
        boolean autoApprove;

        @Option(names = "--unpin", description = "apply even though a rollback pinned the stack")
        boolean unpin;

        @Option(names = "--pause-at", paramLabel = "STEP", converter = StepConverter.class,
                description = "stop each deployment after this step; continue with 'promote ADDR', end with 'abort ADDR'")
        DeploymentStep pauseAt;

        Deploy(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ApplyRequest request = ApplyRequest.of(targeting.options(Plan.Mode.NORMAL)).withUnpin(unpin);
            ApplyFlow flow = new ApplyFlow(context, common);
            int code = flow.run("deploy", pauseAt == null ? request : request.withPauseAt(pauseAt), autoApprove,
                    StackEngine::deploy);
            ApplyFlow.printPaused(context, common.stack, flow.result());
            return code;
        }
    }

    @Command(name = "promote", description = "Continue a paused deployment (promote ADDR), or release to one stack"
            + " what another verified (promote --from preprod --to prod).")
    static final class Promote implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..1", paramLabel = "ADDR", description = "the paused service, such as erlbank/accounts")
        String address;

        @Option(names = "--pause-at", paramLabel = "STEP", converter = StepConverter.class,
                description = "stop again after this step")
        DeploymentStep pauseAt;

        @Option(names = "--from", paramLabel = "STACK", description = "the stack whose verified release to promote")
        String from;

        @Option(names = "--to", paramLabel = "STACK", description = "the stack to release it to")
        String to;

        @Option(names = "--auto-approve", description = "do not ask for confirmation (with --from)")
        boolean autoApprove;

        Promote(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
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

    @Command(name = "abort", description = "End a paused deployment: all traffic back on the stable version, the"
            + " new version deleted.")
    static final class Abort implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ADDR", description = "the paused service, such as erlbank/accounts")
        String address;

        Abort(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.printingEngine(common)) {
                return report(context, engine.abortDeployment(Address.parse(address)));
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
