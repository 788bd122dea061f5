package dev.converge.engine.cli;

import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apply [PLANFILE]}: makes the planned changes. */
@Command(name = "apply", description = "Make the changes the plan shows (or exactly those of a saved plan).")
final class ApplyCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    PlanCommand.TargetOptions targeting;

    @Option(names = "--auto-approve", description = "do not ask for confirmation")
    boolean autoApprove;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "a plan saved with 'plan --out'")
    Path planFile;

    @Option(names = "--json", description = "write one JSON object per line (events, then a summary) instead of "
            + "text; needs --auto-approve or PLANFILE")
    boolean json;

    @Option(names = "--unpin", description = "apply even though a rollback pinned the stack and the program is unchanged")
    boolean unpin;

    ApplyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ApplyRequest request = planFile == null ? ApplyRequest.of(targeting.options(Plan.Mode.NORMAL))
                : ApplyRequest.savedPlan(planFile);
        return new ApplyFlow(context, common).json(json).run("apply", request.withUnpin(unpin), autoApprove,
                StackEngine::apply);
    }

    /** {@code destroy}: deletes every resource of the stack (protected ones refuse). */
    @Command(name = "destroy", description = "Delete every resource of the stack.")
    static final class Destroy implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Mixin
        PlanCommand.TargetOptions targeting;

        @Option(names = "--auto-approve", description = "do not ask for confirmation")
        boolean autoApprove;

        @Option(names = "--json", description = "write one JSON object per line (events, then a summary) instead of "
                + "text; needs --auto-approve")
        boolean json;

        Destroy(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            return new ApplyFlow(context, common).json(json).run("destroy", ApplyRequest.of(targeting.options(Plan.Mode.DESTROY)),
                    autoApprove, StackEngine::destroy);
        }
    }
}
