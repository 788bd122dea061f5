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

/** Commands around the main flow: refresh, import, output, graph, force-unlock. */
final class MaintenanceCommands {

    private MaintenanceCommands() {
    }

    static final class Refresh extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("refresh",
                "Update state from the real objects without changing them.").with(CommonOptions.OPTIONS);

        Refresh(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            try (StackEngine engine = context.printingEngine(common)) {
                RefreshResult refreshed = engine.refresh();
                context.out().println("Refresh complete: " + refreshed.drift().size() + " resource(s) drifted.");
                return 0;
            }
        }
    }

    static final class Import extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("import",
                "Adopt an existing object as the declared resource ADDRESS.").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.required("ADDRESS", "the resource's address in the program"))
                .with(ParameterSpec.required("ID", "the object's id in its provider"));

        Import(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            String address = args.parameter("ADDRESS");
            String id = args.parameter("ID");
            try (StackEngine engine = context.printingEngine(common)) {
                ImportResult imported = engine.importResource(Address.parse(address), id);
                context.out().println(address + ": Import complete [id=" + imported.resource().id() + "]. Run 'plan'"
                        + " to see how it differs from the program.");
                return 0;
            }
        }
    }

    static final class Output extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("output", "Show the stack outputs of the last apply.")
                .with(CommonOptions.OPTIONS).with(OptionSpec.flag("--json", "print as JSON; secrets stay (sensitive)"))
                .with(ParameterSpec.optional("NAME", "only this output"));

        Output(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            String name = args.parameter("NAME");
            boolean json = args.flag("--json");
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

    static final class GraphCommand extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("graph",
                "Print the dependency graph as Graphviz dot or Mermaid.").with(CommonOptions.OPTIONS)
                .with(OptionSpec.of("--format", OptionSpec.Kind.TEXT, "FORMAT", "dot", "dot or mermaid"));

        GraphCommand(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            try (StackEngine engine = context.engine(common)) {
                context.out().print(GraphFormats.render(engine.graph(), args.value("--format", String.class)));
                return 0;
            }
        }
    }

    static final class ForceUnlock extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("force-unlock",
                "Remove a stack's lock left by a process that is gone.").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.required("LOCK_ID", "the id the error about the held lock named"));

        ForceUnlock(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            String lockId = args.parameter("LOCK_ID");
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
