package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.Engine;
import dev.converge.engine.apply.ApplyResult;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.engine.deploy.Releases;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.Restarter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

        @Option(names = "--pause-at", paramLabel = "STEP", description = "stop each deployment after this step;"
                + " continue with 'promote ADDR', end with 'abort ADDR'")
        String pauseAt;

        Deploy(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ReleaseCommands.checkPin(context, common, unpin);
            CliContext run = pauseAt == null ? context : context.withEnvironment("CONVERGE_DEPLOY_PAUSEAT", pauseAt);
            int code = new ApplyFlow(run, common).run(targeting.options(Plan.Mode.NORMAL), null, autoApprove, "deploy");
            printPaused(run, common);
            return code;
        }
    }

    /** Lists the stack's paused deployments with the commands that end them. */
    static void printPaused(CliContext context, CommonOptions common) {
        try (Engine engine = context.engine(common)) {
            engine.state().resources().values().stream().filter(r -> DeployProvider.paused(r.outputs()))
                    .forEach(r -> context.out().println("\n" + r.address() + ": paused at step "
                            + Values.string(r.outputs(), "pausedAt") + ". Continue with 'converge promote "
                            + r.address() + " --stack " + common.stack + "', or roll back with 'converge abort "
                            + r.address() + " --stack " + common.stack + "'."));
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

        @Option(names = "--pause-at", paramLabel = "STEP", description = "stop again after this step")
        String pauseAt;

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
                return new StackPromotion(context, common, from, to).run(autoApprove);
            }
            if (address == null) {
                throw ConvergeException.of("", "promote needs the address of a paused deployment, or --from/--to",
                        "converge promote erlbank/accounts, or converge promote --from preprod --to prod");
            }
            return step(context, common, address, "promote", (deploy, request) -> deploy.promote(request,
                    Optional.ofNullable(pauseAt)));
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
            return step(context, common, address, "abort", DeployProvider::abort);
        }
    }

    /** The stored state of the paused deployment {@code address}, or a clear error. */
    private static ResourceState pausedService(StateSession session, CommonOptions common, String address) {
        ResourceState stored = session.state().resource(Address.parse(address));
        if (stored == null || !stored.type().startsWith("deploy:")) {
            throw ConvergeException.of(address, "no strategy-managed service " + address + " in stack '"
                    + common.stack + "'", "list the stack's resources with 'converge state list'");
        }
        if (!DeployProvider.paused(stored.outputs())) {
            throw ConvergeException.of(address, address + " has no paused deployment (phase "
                    + Values.string(stored.outputs(), "phase") + ")", "pause one with 'converge deploy --pause-at STEP'");
        }
        return stored;
    }

    private interface Action {
        Map<String, Object> run(DeployProvider deploy, Restarter.Request request);
    }

    /**
     * Runs one step command on a paused deployment under the stack's lock, recording the call in the
     * journal before it starts; what the service looks like afterwards (or after a failed check, the
     * stable version alone) is committed, and the release log gets the outcome.
     */
    private static int step(CliContext context, CommonOptions common, String address, String operation,
            Action action) {
        try (Engine engine = context.engine(common); StateSession session = engine.lock(operation)) {
            Address target = Address.parse(address);
            ResourceState stored = pausedService(session, common, address);
            DeployProvider deploy = (DeployProvider) engine.providers().require(stored.type());
            boolean ending = operation.equals("abort");
            context.out().println(address + ": " + (ending ? "Aborting" : "Promoting") + " the deployment paused at "
                    + Values.string(stored.outputs(), "pausedAt") + "...");
            long intent = session.begin(target, operation, stored.type(), stored.id());
            Restarter.Request request = new Restarter.Request(target, stored.type(), stored.id(), stored.inputs(),
                    stored.outputs(), Duration.ofMinutes(30));
            Map<String, Object> stableInputs = DeployProvider.stableInputs(stored.outputs());
            List<Diagnostic> failures = List.of();
            try {
                Map<String, Object> outputs = action.run(deploy, request);
                session.recordUpsert(intent, stored.withObserved(ending ? stableInputs : stored.inputs(), outputs));
            } catch (ProviderException failed) {
                // The strategy routed all traffic back and deleted the new version before it threw.
                session.recordUpsert(intent, stored.withObserved(stableInputs,
                        DeployProvider.settledOnStable(stored.outputs())));
                failures = List.of(Diagnostic.error(address, failed.getMessage(), "fix the service and deploy again"));
            }
            session.commit(session.state().outputs());
            boolean ok = failures.isEmpty() && !ending;
            Releases.record(context.workDir(), context.environment(), session.state(),
                    new ApplyResult(0, 1, 0, ok ? List.of() : List.of(Diagnostic.error(address, operation, "")), false,
                            Map.of()), operation, 0);
            failures.forEach(failure -> context.err().println(failure.render()));
            if (!failures.isEmpty()) {
                return 1;
            }
            ResourceState after = session.state().resource(target);
            context.out().println(address + ": " + operation + " complete; live version "
                    + Values.string(after.outputs(), "live") + ", phase " + Values.string(after.outputs(), "phase") + ".");
            return 0;
        }
    }
}
