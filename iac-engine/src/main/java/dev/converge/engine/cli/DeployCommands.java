package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.StackEngine;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Commands that control running services without changing their definition. */
final class DeployCommands {

    private DeployCommands() {
    }

    static void register(picocli.CommandLine root, CliContext context) {
        root.addSubcommand("restart", new Restart(context));
        root.addSubcommand("reconcile", new Reconcile(context));
    }

    /**
     * {@code reconcile --interval D}: applies the program again and again, so drift is repaired on a
     * schedule. Each run takes the stack's lock only while it works; a failed run is reported and the
     * next one tries again. Ends after {@code --max-runs} runs (forever by default) or on Ctrl-C.
     */
    @Command(name = "reconcile", description = "Keep the stack converged: apply on a schedule, repairing drift.")
    static final class Reconcile implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @picocli.CommandLine.Option(names = "--interval", required = true, converter = DurationConverter.class,
                description = "time between runs, such as 30s or 5m")
        Duration interval;

        @picocli.CommandLine.Option(names = "--max-runs", defaultValue = "0",
                description = "stop after this many runs; 0 runs until interrupted")
        int maxRuns;

        Reconcile(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
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
                Thread.sleep(interval.toMillis());
            }
            return code;
        }
    }

    /** {@code restart ADDR}: restarts a service in place; a strategy-managed one through its verified steps. */
    @Command(name = "restart", description = "Restart a service in place without changing its definition.")
    static final class Restart implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ADDR", description = "the resource address, such as erlbank/accounts")
        String address;

        Restart(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.printingEngine(common)) {
                engine.restart(Address.parse(address));
                return 0;
            }
        }
    }
}
