package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.Engine;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
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
            common.refresh = true;
            try (Engine engine = context.engine(common); StateSession session = engine.lock("refresh")) {
                Engine.Planned planned = engine.planLocked(session, new PlanOptions(Plan.Mode.REFRESH_ONLY,
                        java.util.Set.of(), java.util.Set.of(), java.util.Set.of()));
                context.out().print(new PlanRenderer(context.colour(common)).render(planned.plan()));
                engine.recordDrift(session, planned);
                session.commit(session.state().outputs());
                context.out().println("Refresh complete: " + planned.plan().drift().size() + " resource(s) drifted.");
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
            try (Engine engine = context.engine(common)) {
                ResourceGraph graph = engine.graph();
                Address target = Address.parse(address);
                DeclaredResource declared = graph.resource(target);
                if (declared == null) {
                    throw ConvergeException.of(address, "the program declares no resource at this address",
                            "declare it first so Converge knows its type; then import it");
                }
                try (StateSession session = engine.lock("import")) {
                    if (session.state().resource(target) != null) {
                        throw ConvergeException.of(address, "already managed (id " + session.state().resource(target).id()
                                + ")", "'state rm " + address + "' first to import a different object");
                    }
                    Provider provider = engine.providers().forType(declared.type()).orElseThrow(() ->
                            ConvergeException.of(address, "no provider for " + declared.type(), "add its module"));
                    ImportResponse found = provider.importResource(new ImportRequest(target, declared.type(), id,
                            new Ownership(common.stack, target)));
                    if (!found.exists()) {
                        throw ConvergeException.of(address, "no " + declared.type() + " with id '" + id + "' exists",
                                "check the id (a name or id the provider knows)");
                    }
                    ResourceState adopted = new ResourceState(target, declared.type(), found.id(), found.inputs(),
                            found.outputs(), declared.dependencies(), declared.declaration().options());
                    session.replace(session.state().withResource(adopted));
                    context.out().println(address + ": Import complete [id=" + found.id() + "]. Run 'plan' to see "
                            + "how it differs from the program.");
                    return 0;
                }
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
            try (Engine engine = context.engine(common)) {
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
            try (Engine engine = context.engine(common)) {
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
            try (Engine engine = context.engine(common)) {
                if (!StateSession.forceUnlock(engine.backend(), common.stack, lockId)) {
                    throw ConvergeException.of("", "no lock with id " + lockId + " is held on stack '" + common.stack + "'",
                            "copy the id from the error that named the holder");
                }
                context.out().println("Lock " + lockId + " removed from stack '" + common.stack + "'.");
                return 0;
            }
        }
    }
}
