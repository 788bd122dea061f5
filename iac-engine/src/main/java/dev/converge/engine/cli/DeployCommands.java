package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.StackEngine;
import java.time.Duration;

/** Commands that control running services without changing their definition. */
final class DeployCommands {

    private DeployCommands() {
    }

    /**
     * {@code reconcile --interval D}: applies the program again and again, so drift is repaired on a
     * schedule. Each run takes the stack's lock only while it works; a failed run is reported and the
     * next one tries again. Ends after {@code --max-runs} runs (forever by default) or on Ctrl-C.
     */
    static final class Reconcile extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("reconcile",
                "Keep the stack converged: apply on a schedule, repairing drift.").with(CommonOptions.OPTIONS)
                .with(OptionSpec.of("--interval", OptionSpec.Kind.DURATION, "DURATION", null,
                        "time between runs, such as 30s or 5m").asRequired(),
                        OptionSpec.of("--max-runs", OptionSpec.Kind.INT, "N", "0",
                                "stop after this many runs; 0 runs until interrupted"));

        Reconcile(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            Duration interval = args.value("--interval", Duration.class);
            int maxRuns = args.value("--max-runs", Integer.class);
            int code = 0;
            for (int run = 1; maxRuns == 0 || run <= maxRuns; run++) {
                context.out().println("reconcile: run " + run + " at " + java.time.Instant.now());
                try {
                    code = new ApplyFlow(context, common).run("reconcile", ApplyRequest.normal(), true,
                            StackEngine::reconcile);
                } catch (ConvergeException problem) {
                    RootCommand.printDiagnostics(context, problem);
                    code = 1;
                }
                if (maxRuns != 0 && run == maxRuns) {
                    break;
                }
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 130;
                }
            }
            return code;
        }
    }

    /** {@code restart ADDR}: restarts a service in place; a strategy-managed one through its verified steps. */
    static final class Restart extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("restart",
                "Restart a service in place without changing its definition.").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.required("ADDR", "the resource address, such as erlbank/accounts"));

        Restart(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            try (StackEngine engine = context.printingEngine(new CommonOptions(args))) {
                engine.restart(Address.parse(args.parameter("ADDR")));
                return 0;
            }
        }
    }
}
