package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.PlanRenderer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code plan}: shows what apply would change. Takes no lock and changes nothing. */
final class PlanCommand extends DeclaredCommand {

    private static final CommandSpec SPEC = CommandSpec.of("plan", "Show the changes apply would make.")
            .with(CommonOptions.OPTIONS).with(TargetOptions.OPTIONS)
            .with(OptionSpec.of("--out", OptionSpec.Kind.PATH, "FILE", null, "save the plan to this file for 'apply FILE'"),
                    OptionSpec.flag("--json", "print the plan as JSON (see docs/plan-json.md)"),
                    OptionSpec.flag("--destroy", "plan to destroy every resource"),
                    OptionSpec.flag("--detailed-exitcode", "exit 0 without changes, 2 with changes, 1 on error"));

    PlanCommand(CliContext context) {
        super(context, SPEC);
    }

    @Override
    int run(Arguments args) {
        CommonOptions common = new CommonOptions(args);
        TargetOptions targeting = new TargetOptions(args);
        Path out = args.value("--out", Path.class);
        boolean json = args.flag("--json");
        boolean destroy = args.flag("--destroy");
        boolean detailedExitCode = args.flag("--detailed-exitcode");
        PlanRequest request = PlanRequest.of(targeting.options(destroy ? Plan.Mode.DESTROY : Plan.Mode.NORMAL));
        try (StackEngine engine = context.engine(common)) {
            Plan plan = engine.plan(out == null ? request : request.withSaveTo(out));
            if (json) {
                context.out().println(PlanJson.render(plan));
            } else {
                context.out().print(new PlanRenderer(context.colour(common)).render(plan));
            }
            if (out != null) {
                context.out().println("\nSaved the plan to " + out + ". Apply exactly these changes with: apply " + out);
            }
            return detailedExitCode && (plan.hasChanges() || !plan.drift().isEmpty()) ? 2 : 0;
        }
    }

    /** {@code --target}, {@code --exclude}, {@code --replace}. */
    static final class TargetOptions {
        static final OptionSpec[] OPTIONS = {
            OptionSpec.text("--target", "ADDR", "only this resource or component and what it depends on (repeatable)")
                    .asRepeatable(),
            OptionSpec.text("--exclude", "ADDR", "leave out this resource or component and what depends on it"
                    + " (repeatable)").asRepeatable(),
            OptionSpec.text("--replace", "ADDR", "replace this resource even if unchanged (repeatable)").asRepeatable(),
        };

        private final List<String> targets;
        private final List<String> excludes;
        private final List<String> replace;

        TargetOptions(Arguments args) {
            targets = args.values("--target", String.class);
            excludes = args.values("--exclude", String.class);
            replace = args.values("--replace", String.class);
        }

        PlanOptions options(Plan.Mode mode) {
            return new PlanOptions(mode, parse(targets), parse(excludes), parse(replace));
        }

        private static Set<Address> parse(List<String> addresses) {
            Set<Address> parsed = new LinkedHashSet<>();
            addresses.forEach(text -> parsed.add(Address.parse(text)));
            return parsed;
        }
    }

    /** {@code validate}: checks the program, its configuration and provider inputs without any state. */
    static final class Validate extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("validate",
                "Check the program and configuration without touching state or infrastructure.")
                .with(CommonOptions.OPTIONS);

        Validate(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            common.refresh = false;
            try (StackEngine engine = context.engine(common)) {
                int resources = engine.validate().size();
                context.out().println("Success! The program is valid: " + resources + " resources declared.");
                return 0;
            }
        }
    }
}
