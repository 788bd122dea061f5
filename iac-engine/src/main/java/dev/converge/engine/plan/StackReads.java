package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.StackReference;
import dev.converge.api.Unknown;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.declare.DeclaredReference;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.state.StateBackend;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads another stack's outputs for a {@link StackReference}: the last state that stack wrote, loaded
 * like {@code plan} loads state (no lock taken, so a run of the other stack is never blocked; a
 * commit of it is seen whole or not at all), its secrets decrypted with this stack's key into secret
 * values only. Thread-safe.
 */
final class StackReads {

    private final StateBackend ownBackend;
    private final String ownStack;
    private final Map<String, String> settings;

    StackReads(StateBackend ownBackend, String ownStack, Map<String, String> settings) {
        this.ownBackend = ownBackend;
        this.ownStack = ownStack;
        this.settings = Map.copyOf(settings);
    }

    Change.Read read(DeclaredReference reference, List<Diagnostic> problems) {
        Address address = reference.address();
        String stack = reference.stack();
        StateBackend backend = reference.backend().orElse(ownBackend);
        Map<String, Object> filter = Map.of("stack", stack, "backend", backend.describe(stack));
        Change.Read unread = ExternalReads.deferredRead(address, StackReference.TYPE, filter);
        if (stack.equals(ownStack) && backend == ownBackend) {
            problems.add(Diagnostic.error(address.toString(), "stack '" + stack + "' references itself",
                    "read this stack's own values from its resources; reference only other stacks"));
            return unread;
        }
        State state;
        try {
            state = StateSession.load(backend, stack, settings);
        } catch (ConvergeException unreadable) {
            unreadable.diagnostics().forEach(problem -> problems.add(Diagnostic.error(address.toString(),
                    "cannot read the outputs of stack '" + stack + "': " + problem.summary(), fix(problem))));
            return unread;
        }
        if (!state.exists()) {
            problems.add(Diagnostic.error(address.toString(), "stack '" + stack + "' has no state in "
                    + backend.describe(stack), "apply stack '" + stack + "' first, or fix the name (or the backend: "
                    + "stack.reference(name, backend)) of the stack this program references"));
            return unread;
        }
        if (!outputsFit(reference, state, problems)) {
            return unread; // what depends on it sees unknown values, never a missing or ill-typed one
        }
        return new Change.Read(address, StackReference.TYPE, stack, filter, state.outputs(), state.serial(), false);
    }

    /** Whether every output the program asked for is there, known, and of a type it asked for; problems if not. */
    private static boolean outputsFit(DeclaredReference reference, State state, List<Diagnostic> problems) {
        String stack = reference.stack();
        int before = problems.size();
        for (String name : new TreeSet<>(reference.handle().requestedOutputs())) {
            Object value = state.outputs().get(name);
            if (!state.outputs().containsKey(name)) {
                problems.add(Diagnostic.error(reference.address().toString(), "stack '" + stack + "' (serial "
                        + state.serial() + ") has no output '" + name + "'", "it has: "
                        + (state.outputs().isEmpty() ? "no outputs" : String.join(", ", new TreeSet<>(state.outputs()
                                .keySet()))) + "; export it in stack '" + stack + "' (stack.export(\"" + name
                        + "\", ...)) and apply that stack, or fix the name"));
            } else if (value instanceof Unknown) {
                problems.add(Diagnostic.error(reference.address().toString(), "output '" + name + "' of stack '"
                        + stack + "' (serial " + state.serial() + ") is not known: its last apply did not compute it",
                        "apply stack '" + stack + "' until it succeeds"));
            } else {
                reference.handle().typeProblem(name, value).ifPresent(problem -> problems.add(Diagnostic.error(
                        reference.address().toString(), problem, "read the output with the type stack '" + stack
                                + "' exports it as")));
            }
        }
        return problems.size() == before;
    }

    /** The fix for an unreadable referenced state: a wrong or missing key needs a hint about shared keys. */
    private static String fix(Diagnostic problem) {
        boolean key = problem.summary().contains("decrypt") || problem.summary().contains("secrets key");
        return key ? "a stack reference decrypts the other stack's secrets with this stack's key: give both stacks the "
                + "same CONVERGE_SECRETS_PASSPHRASE or CONVERGE_SECRETS_KEY_FILE. " + problem.detail()
                : problem.detail();
    }
}
