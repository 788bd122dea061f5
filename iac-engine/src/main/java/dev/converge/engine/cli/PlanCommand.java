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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: shows what apply would change. Takes no lock and changes nothing. */
@Command(name = "plan", description = "Show the changes apply would make.")
final class PlanCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    TargetOptions targeting;

    @Option(names = "--out", description = "save the plan to this file for 'apply FILE'")
    Path out;

    @Option(names = "--json", description = "print the plan as JSON (see docs/plan-json.md)")
    boolean json;

    @Option(names = "--destroy", description = "plan to destroy every resource")
    boolean destroy;

    @Option(names = "--detailed-exitcode", description = "exit 0 without changes, 2 with changes, 1 on error")
    boolean detailedExitCode;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
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
        @Option(names = "--target", description = "only this resource or component and what it depends on (repeatable)")
        List<String> targets = List.of();

        @Option(names = "--exclude", description = "leave out this resource or component and what depends on it (repeatable)")
        List<String> excludes = List.of();

        @Option(names = "--replace", description = "replace this resource even if unchanged (repeatable)")
        List<String> replace = List.of();

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
    @Command(name = "validate", description = "Check the program and configuration without touching state or infrastructure.")
    static final class Validate implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        Validate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            common.refresh = false;
            try (StackEngine engine = context.engine(common)) {
                int resources = engine.validate().size();
                context.out().println("Success! The program is valid: " + resources + " resources declared.");
                return 0;
            }
        }
    }
}
