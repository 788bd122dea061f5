package dev.converge.engine.cli;

import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import java.nio.file.Path;

/** {@code apply [PLANFILE]}: makes the planned changes. */
final class ApplyCommand extends DeclaredCommand {

    static final OptionSpec AUTO_APPROVE = OptionSpec.flag("--auto-approve", "do not ask for confirmation");

    static final OptionSpec JSON = OptionSpec.flag("--json", "write one JSON object per line (events, then a "
            + "summary) instead of text; needs --auto-approve (or PLANFILE for apply)");

    private static final CommandSpec SPEC = CommandSpec.of("apply",
            "Make the changes the plan shows (or exactly those of a saved plan).")
            .with(CommonOptions.OPTIONS).with(PlanCommand.TargetOptions.OPTIONS)
            .with(AUTO_APPROVE, JSON, OptionSpec.flag("--unpin",
                    "apply even though a rollback pinned the stack and the program is unchanged"))
            .with(ParameterSpec.optional("PLANFILE", "a plan saved with 'plan --out'"));

    ApplyCommand(CliContext context) {
        super(context, SPEC);
    }

    @Override
    int run(Arguments args) {
        CommonOptions common = new CommonOptions(args);
        PlanCommand.TargetOptions targeting = new PlanCommand.TargetOptions(args);
        String planFile = args.parameter("PLANFILE");
        ApplyRequest request = planFile == null ? ApplyRequest.of(targeting.options(Plan.Mode.NORMAL))
                : ApplyRequest.savedPlan(Path.of(planFile));
        return new ApplyFlow(context, common).json(args.flag("--json"))
                .run("apply", request.withUnpin(args.flag("--unpin")), args.flag("--auto-approve"), StackEngine::apply);
    }

    /** {@code destroy}: deletes every resource of the stack (protected ones refuse). */
    static final class Destroy extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("destroy", "Delete every resource of the stack.")
                .with(CommonOptions.OPTIONS).with(PlanCommand.TargetOptions.OPTIONS).with(AUTO_APPROVE, JSON);

        Destroy(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            PlanCommand.TargetOptions targeting = new PlanCommand.TargetOptions(args);
            return new ApplyFlow(context, new CommonOptions(args)).json(args.flag("--json")).run("destroy",
                    ApplyRequest.of(targeting.options(Plan.Mode.DESTROY)), args.flag("--auto-approve"),
                    StackEngine::destroy);
        }
    }
}
