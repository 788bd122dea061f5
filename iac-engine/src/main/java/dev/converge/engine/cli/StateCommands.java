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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code state list | show | rm | mv | history}. */
@Command(name = "state", description = "Inspect and edit the stack's state.")
final class StateCommands implements Runnable {

    private final CliContext context;

    StateCommands(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }

    @Command(name = "list", description = "List the resources in state.")
    static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
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

    @Command(name = "show", description = "Show one resource as recorded in state (secrets masked).")
    static final class Show implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ADDRESS")
        String address;

        Show(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
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

    @Command(name = "rm", description = "Forget resources without deleting the real objects.")
    static final class Remove implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ADDRESS", arity = "1..*")
        List<String> addresses;

        Remove(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.engine(common)) {
                engine.removeFromState(addresses.stream().map(Address::parse).toList());
                context.out().println("Removed " + addresses.size() + " resource(s) from state; the real objects remain.");
                return 0;
            }
        }
    }

    @Command(name = "mv", description = "Move a resource to another address in state (after a rename in code).")
    static final class Move implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "FROM")
        String from;

        @Parameters(index = "1", paramLabel = "TO")
        String to;

        Move(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (StackEngine engine = context.engine(common)) {
                engine.moveInState(Address.parse(from), Address.parse(to));
                context.out().println("Moved " + from + " to " + to + ".");
                return 0;
            }
        }
    }

    @Command(name = "history", description = "List earlier versions of the state.")
    static final class History implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        History(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
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
