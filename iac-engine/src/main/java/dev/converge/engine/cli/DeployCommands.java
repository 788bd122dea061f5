package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.Engine;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.Provider;
import dev.converge.spi.deploy.Restarter;
import java.time.Duration;
import java.util.Map;
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
                    ReleaseCommands.checkPin(context, common, false);
                    code = new ApplyFlow(context, common).run(dev.converge.engine.plan.PlanOptions.normal(), null, true,
                            "reconcile");
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
            try (Engine engine = context.engine(common); StateSession session = engine.lock("restart")) {
                Address target = Address.parse(address);
                ResourceState stored = session.state().resource(target);
                if (stored == null) {
                    throw ConvergeException.of(address, "no resource " + address + " in stack '" + common.stack + "'",
                            "list the stack's resources with 'converge state list'");
                }
                Provider provider = engine.providers().require(stored.type());
                Restarter restarter = provider.extension(Restarter.class).orElseThrow(() -> ConvergeException.of(
                        address, "provider '" + provider.name() + "' cannot restart " + stored.type(),
                        "replace it instead: converge apply --replace " + address));
                context.out().println(address + ": Restarting...");
                Map<String, Object> outputs = restarter.restart(new Restarter.Request(target, stored.type(),
                        stored.id(), stored.inputs(), stored.outputs(), Duration.ofMinutes(5)));
                long intent = session.begin(target, "restart", stored.type(), stored.id());
                session.recordUpsert(intent, new ResourceState(stored.address(), stored.type(), stored.id(),
                        stored.inputs(), outputs, stored.dependencies(), stored.options()));
                session.commit(session.state().outputs());
                context.out().println(address + ": Restart complete.");
                return 0;
            }
        }
    }
}
