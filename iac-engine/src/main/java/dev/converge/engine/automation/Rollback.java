package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Declaration;
import dev.converge.api.ProviderRef;
import dev.converge.api.Diagnostic;
import dev.converge.api.Output;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.apply.ExecutionResult;
import dev.converge.engine.apply.Executor;
import dev.converge.engine.apply.Progress;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.declare.Declarations;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A rollback is an ordinary plan whose desired state is the resources and inputs recorded at an earlier
 * serial, instead of the program's. Resources that hold data ({@code holdsData()}, as stored in state)
 * are never replaced or deleted by it unless the user allows data changes: the lecture's warning that
 * rollbacks are hard after data migrations.
 */
final class Rollback {

    /**
     * A planned rollback.
     *
     * @param plan the changes that restore serial {@code target}
     * @param graph the desired graph built from that serial
     * @param target the serial restored
     * @param dataChanges the resources holding data that the plan replaces or deletes (allowed by the user)
     */
    record Prepared(Plan plan, ResourceGraph graph, long target, List<String> dataChanges) {
    }

    private Rollback() {
    }

    /** Plans the restore of serial {@code target} under the lock {@code session} holds. */
    static Prepared plan(Pipeline engine, StateSession session, long target, boolean allowDataChanges) {
        State current = session.state();
        if (target >= current.serial() || target < 1) {
            throw ConvergeException.of("", "cannot roll back stack '" + current.stack() + "' to serial " + target
                    + ": the current serial is " + current.serial(), "pick an earlier serial from 'converge releases'");
        }
        State old = StateSession.historyVersion(engine.backend(), current.stack(), target, engine.config().asMap());
        ResourceGraph graph = graphOf(old, engine.config().asMap());
        Plan plan = Planner.plan(graph, current, List.of(), engine.providers(), PlanOptions.normal());
        List<String> data = new ArrayList<>();
        for (Change change : plan.changes()) {
            ResourceState stored = current.resource(change.address());
            boolean destructive = change.kind() == Change.Kind.REPLACE || change.kind() == Change.Kind.DELETE;
            if (destructive && stored != null && stored.options().holdsData()) {
                data.add(change.address() + " (" + change.kind().name().toLowerCase() + ", " + stored.type() + ")");
            }
        }
        if (!data.isEmpty() && !allowDataChanges) {
            List<Diagnostic> problems = new ArrayList<>();
            for (String resource : data) {
                problems.add(Diagnostic.error(resource, "the rollback to serial " + target
                        + " would destroy a resource that holds data",
                        "its data would be lost; migrate the data back first, then pass --allow-data-changes,"
                                + " or roll forward with a fix instead"));
            }
            throw new ConvergeException(problems);
        }
        return new Prepared(plan, graph, target, data);
    }

    /** Applies a prepared rollback and commits the state; like {@link Pipeline#apply}. */
    static ExecutionResult apply(Pipeline engine, StateSession session, Prepared prepared, Progress progress,
            BooleanSupplier cancelled) {
        ExecutionResult result = Executor.apply(prepared.plan(), prepared.graph(), engine.providers(), session,
                engine.settings().parallelism(), progress, cancelled);
        session.commit(result.outputs());
        return result;
    }

    /** The graph of a stored state: each resource declared with the inputs and options recorded then. */
    static ResourceGraph graphOf(State old, Map<String, String> config) {
        Map<Address, DeclaredResource> resources = new LinkedHashMap<>();
        for (ResourceState resource : old.resources().values()) {
            Declaration declaration = new Declaration(resource.type(), resource.address().name(), resource.inputs(),
                    resource.options(), resource.configuration().isEmpty() ? null
                            : new ProviderRef(Declaration.providerOf(resource.type()), resource.configuration()));
            resources.put(resource.address(), new DeclaredResource(resource.address(), declaration,
                    resource.dependencies()));
        }
        Declarations declarations = new Declarations(old.stack(), resources, old.outputs(), List.of(), config);
        ResourceGraph.Result result = ResourceGraph.build(declarations);
        if (result.graph().isEmpty()) {
            throw new ConvergeException(result.problems());
        }
        return result.graph().get();
    }

    /** A hash of what the program declares (plain values; deferred outputs count by position only). */
    static String programFingerprint(ResourceGraph program) {
        StringBuilder text = new StringBuilder();
        for (DeclaredResource resource : program.declarations().resources().values()) {
            text.append(resource.address()).append('|').append(resource.type()).append('|')
                    .append(plain(resource.declaration().properties())).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object plain(Object value) {
        if (value instanceof Output<?>) {
            return "<output>";
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key), plain(item)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Rollback::plain).toList();
        }
        return String.valueOf(value);
    }

    /**
     * Refuses to apply the unchanged program over a pinned stack; a changed program (or {@code unpin})
     * removes the pin. Call before planning an apply.
     */
    static void checkPin(ReleaseLog log, ResourceGraph program, boolean unpin) {
        var pin = log.pin();
        if (pin.isEmpty()) {
            return;
        }
        if (unpin || !pin.get().programFingerprint().equals(programFingerprint(program))) {
            log.unpin();
            return;
        }
        throw ConvergeException.of("", "the stack is pinned to serial " + pin.get().serial() + " by a rollback,"
                + " and the program has not changed since", "change the program (roll forward with a fix), or pass"
                + " --unpin to apply this program anyway");
    }
}
