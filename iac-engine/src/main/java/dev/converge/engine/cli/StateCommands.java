package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.PendingOperation;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.state.StateHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code state list | show | rm | mv | history}. */
final class StateCommands {

    private StateCommands() {
    }

    /** The {@code state} command, with its subcommands. */
    static CommandGroup group(CliContext context) {
        return new CommandGroup("Inspect and edit the stack's state.", List.of("list", "show", "rm", "mv", "history"),
                name -> switch (name) {
                    case "list" -> new ListCommand(context);
                    case "show" -> new Show(context);
                    case "rm" -> new Remove(context);
                    case "mv" -> new Move(context);
                    case "history" -> new History(context);
                    default -> throw new IllegalArgumentException("no state command named " + name);
                }, "");
    }

    static final class ListCommand extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("list", "List the resources in state.")
                .with(CommonOptions.OPTIONS);

        ListCommand(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            try (StackEngine engine = context.engine(common)) {
                engine.state().resources().values().forEach(r -> context.out().println(r.address() + "  " + r.type()
                        + "  " + r.id()));
                for (PendingOperation intent : engine.pendingOperations()) {
                    context.out().println("pending: " + intent.address() + "  " + intent.operation()
                            + (intent.type() == null ? "" : "  " + intent.type())
                            + "  (interrupted; the next apply or refresh resolves it)");
                }
                return 0;
            }
        }
    }

    static final class Show extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("show",
                "Show one resource as recorded in state (secrets masked).").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.required("ADDRESS", "the resource's address"));

        Show(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            String address = args.parameter("ADDRESS");
            try (StackEngine engine = context.engine(common)) {
                ResourceState resource = require(engine.state(), address);
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("address", resource.address().toString());
                view.put("type", resource.type());
                view.put("id", resource.id());
                view.put("inputs", resource.inputs());
                view.put("outputs", resource.outputs());
                view.put("dependencies", resource.dependencies().stream().map(Address::toString).toList());
                view.put("protect", resource.options().protect());
                context.out().println(Json.render(view));
                return 0;
            }
        }
    }

    static final class Remove extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("rm",
                "Forget resources without deleting the real objects.").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.many("ADDRESS", "the resources' addresses"));

        Remove(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            List<String> addresses = args.parameters("ADDRESS");
            try (StackEngine engine = context.engine(common)) {
                engine.removeFromState(addresses.stream().map(Address::parse).toList());
                context.out().println("Removed " + addresses.size() + " resource(s) from state; the real objects remain.");
                return 0;
            }
        }
    }

    static final class Move extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("mv",
                "Move a resource to another address in state (after a rename in code).").with(CommonOptions.OPTIONS)
                .with(ParameterSpec.required("FROM", "its address in state"))
                .with(ParameterSpec.required("TO", "its address in the program"));

        Move(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            String from = args.parameter("FROM");
            String to = args.parameter("TO");
            try (StackEngine engine = context.engine(common)) {
                engine.moveInState(Address.parse(from), Address.parse(to));
                context.out().println("Moved " + from + " to " + to + ".");
                return 0;
            }
        }
    }

    static final class History extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("history", "List earlier versions of the state.")
                .with(CommonOptions.OPTIONS);

        History(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            try (StackEngine engine = context.engine(common)) {
                State current = engine.state();
                context.out().println("serial " + current.serial() + "  (current)");
                for (StateHistory.Entry entry : engine.history()) {
                    context.out().println("serial " + entry.serial() + "  archived " + entry.archivedAt() + "  "
                            + entry.size() + " bytes");
                }
                return 0;
            }
        }
    }

    static ResourceState require(State state, String address) {
        ResourceState resource = state.resource(Address.parse(address));
        if (resource == null) {
            throw ConvergeException.of(address, "no resource at this address in state",
                    "see 'state list' for the addresses in state");
        }
        return resource;
    }
}
