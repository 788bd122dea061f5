package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ImportResult;
import dev.converge.engine.automation.RefreshResult;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.engine.state.State;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands around the main flow: refresh, import, output, graph, force-unlock. */
final class MaintenanceCommands {

    private MaintenanceCommands() {
    }

    @Command(name = "refresh", description = "Update state from the real objects without changing them.")
    static final class Refresh implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        Refresh(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.printingEngine(common)) {
                RefreshResult refreshed = engine.refresh();
                context.out().println("Refresh complete: " + refreshed.drift().size() + " resource(s) drifted.");
                return 0;
            }
        }
    }

    @Command(name = "import", description = "Adopt an existing object as the declared resource ADDRESS.")
    static final class Import implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "ID")
        String id;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.printingEngine(common)) {
                ImportResult imported = engine.importResource(Address.parse(address), id);
                context.out().println(address + ": Import complete [id=" + imported.resource().id() + "]. Run 'plan'"
                        + " to see how it differs from the program.");
                return 0;
            }
        }
    }

    @Command(name = "output", description = "Show the stack outputs of the last apply.")
    static final class Output implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..1", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "print as JSON; secrets stay (sensitive)")
        boolean json;

        Output(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.engine(common)) {
                State state = engine.state();
                Map<String, Object> outputs = new TreeMap<>(state.outputs());
                if (name != null) {
                    if (!outputs.containsKey(name)) {
                        throw ConvergeException.of("output:" + name, "no stack output named '" + name + "'",
                                "outputs: " + String.join(", ", outputs.keySet()));
                    }
                    outputs = Map.of(name, outputs.get(name));
                }
                if (json) {
                    context.out().println(Json.render(name == null ? outputs : outputs.get(name)));
                } else if (name != null) {
                    Object value = outputs.get(name);
                    context.out().println(value instanceof String text ? text : PlanRenderer.value(value));
                } else {
                    outputs.forEach((key, value) -> context.out().println(key + " = " + PlanRenderer.value(value)));
                }
                return 0;
            }
        }
    }

    @Command(name = "graph", description = "Print the dependency graph as Graphviz dot or Mermaid.")
    static final class GraphCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Option(names = "--format", defaultValue = "dot", description = "dot or mermaid, default ${DEFAULT-VALUE}")
        String format;

        GraphCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.engine(common)) {
                context.out().print(GraphFormats.render(engine.graph(), format));
                return 0;
            }
        }
    }

    @Command(name = "force-unlock", description = "Remove a stack's lock left by a process that is gone.")
    static final class ForceUnlock implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "LOCK_ID")
        String lockId;

        ForceUnlock(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.engine(common)) {
                if (!engine.forceUnlock(lockId)) {
                    throw ConvergeException.of("", "no lock with id " + lockId + " is held on stack '" + common.stack + "'",
                            "copy the id from the error that named the holder");
                }
                context.out().println("Lock " + lockId + " removed from stack '" + common.stack + "'.");
                return 0;
            }
        }
    }
}
