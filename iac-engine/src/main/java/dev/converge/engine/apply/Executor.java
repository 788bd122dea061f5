package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.ReplacementOrder;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.ExternalReads;
import dev.converge.engine.plan.InputResolver;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Providers;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.ProviderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Carries out a plan: creates, updates and replacements in dependency order, then deletes in reverse
 * dependency order, at most {@code parallelism} provider calls at a time. A failed resource stops
 * only its dependents; independent branches finish. Once cancelled, nothing new starts and calls in
 * flight finish. Every outcome is journaled by {@link ResourceOperations}; the caller commits.
 */
public final class Executor {

    private final Plan plan;
    private final ResourceGraph graph;
    private final StateSession session;
    private final ResourceOperations operations;
    private final ExternalReads reads;
    private final ExecutorService workers;
    private final BooleanSupplier cancelled;
    private final Progress progress;
    private final Map<Address, ExecutionResult.Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<Address, Map<String, Object>> known = new ConcurrentHashMap<>();
    private final List<Diagnostic> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<ResourceState> deposed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger added = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();
    private State initial;

    private Executor(Plan plan, ResourceGraph graph, StateSession session, ResourceOperations operations,
            ExternalReads reads, int parallelism, Progress progress, BooleanSupplier cancelled) {
        this.plan = plan;
        this.graph = graph;
        this.session = session;
        this.operations = operations;
        this.reads = reads;
        this.workers = Executors.newFixedThreadPool(Math.max(1, parallelism), ProviderCalls.named("converge-apply"));
        this.cancelled = cancelled;
        this.progress = progress;
    }

    /**
     * Applies {@code plan}; {@code graph} is the program's graph the plan was made from. Once
     * {@code cancelled} answers true, nothing new starts. The plan must have no reads that are deferred.
     */
    public static ExecutionResult apply(Plan plan, ResourceGraph graph, Providers providers, StateSession session,
            int parallelism, Progress progress, BooleanSupplier cancelled) {
        return apply(plan, graph, providers, ExternalReads.deferred(providers), session, parallelism, progress,
                cancelled);
    }

    /**
     * Applies {@code plan}, looking up through {@code reads} the lookups the plan deferred to apply (their
     * filters depend on what apply creates). Once {@code cancelled} answers true, nothing new starts.
     */
    public static ExecutionResult apply(Plan plan, ResourceGraph graph, Providers providers, ExternalReads reads,
            StateSession session, int parallelism, Progress progress, BooleanSupplier cancelled) {
        try (ProviderCalls calls = new ProviderCalls(progress, parallelism)) {
            ResourceOperations operations = new ResourceOperations(providers, session, calls, progress, plan.stack());
            Executor executor = new Executor(plan, graph, session, operations, reads, parallelism, progress,
                    cancelled);
            try {
                return executor.run();
            } finally {
                executor.workers.shutdownNow();
            }
        }
    }

    private ExecutionResult run() {
        applyMoves();
        // One snapshot for the whole run: each resource is changed by one node only, so its prior
        // entry is the one in this snapshot (taking a snapshot per node would be quadratic).
        initial = session.state();
        initial.resources().values().forEach(r -> known.put(r.address(), withId(r)));
        Map<Address, ExecutionResult.Outcome> forward = runForward();
        outcomes.putAll(forward);
        runDeletes(forward);
        Map<String, Object> outputs = new LinkedHashMap<>();
        graph.declarations().exports().forEach((name, value) -> outputs.put(name,
                InputResolver.resolveValue(value, address -> java.util.Optional.ofNullable(known.get(address)))));
        return new ExecutionResult(added.get(), changed.get(), destroyed.get(), failures, cancelled.getAsBoolean(), outputs,
                outcomes);
    }

    private void applyMoves() {
        for (Change change : plan.changes()) {
            if (change instanceof Change.Move move) {
                State current = session.state();
                ResourceState old = current.resource(move.from());
                if (old != null && current.resource(move.address()) == null) {
                    session.replace(current.withoutResource(move.from()).withResource(old.withAddress(move.address())));
                }
                outcomes.put(move.address(), ExecutionResult.Outcome.DONE);
            }
        }
    }

    private Map<Address, ExecutionResult.Outcome> runForward() {
        Map<Address, Change> byAddress = new HashMap<>();
        for (Change change : plan.changes()) {
            boolean forwardKind = switch (change.kind()) {
                case CREATE, UPDATE, REPLACE, NO_OP -> graph.resource(change.address()) != null;
                case READ -> true;
                case DELETE, IMPORT, MOVE -> false;
            };
            if (forwardKind) {
                byAddress.put(change.address(), change);
            }
        }
        Map<Address, CompletableFuture<ExecutionResult.Outcome>> futures = new HashMap<>();
        for (Address address : graph.walkOrder()) {
            Change change = byAddress.get(address);
            if (change == null) {
                continue;
            }
            List<CompletableFuture<ExecutionResult.Outcome>> deps = new ArrayList<>();
            graph.graph().dependencies(address).forEach(dep -> {
                if (futures.containsKey(dep)) {
                    deps.add(futures.get(dep));
                }
            });
            CompletableFuture<ExecutionResult.Outcome> node = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> runNode(change, deps), workers);
            futures.put(address, node);
        }
        Map<Address, ExecutionResult.Outcome> ended = new HashMap<>();
        futures.forEach((address, future) -> ended.put(address, future.join()));
        return ended;
    }

    private ExecutionResult.Outcome runNode(Change change, List<CompletableFuture<ExecutionResult.Outcome>> deps) {
        Address address = change.address();
        if (deps.stream().anyMatch(dep -> dep.join() != ExecutionResult.Outcome.DONE)) {
            failures.add(Diagnostic.error(address.toString(), "skipped because a dependency failed",
                    "fix the failed dependency and apply again"));
            progress.skipped(address, "a dependency failed");
            return ExecutionResult.Outcome.SKIPPED;
        }
        if (change.kind() == Change.Kind.NO_OP) {
            return ExecutionResult.Outcome.DONE;
        }
        if (change.kind() == Change.Kind.READ) {
            return read((Change.Read) change);
        }
        if (cancelled.getAsBoolean()) {
            progress.skipped(address, "the run was cancelled");
            return ExecutionResult.Outcome.SKIPPED;
        }
        try {
            forward(change, graph.resource(address));
            return ExecutionResult.Outcome.DONE;
        } catch (ProviderException e) {
            failures.add(Diagnostic.error(address.toString(), e.getMessage(), ""));
            return ExecutionResult.Outcome.FAILED;
        } catch (dev.converge.engine.ConvergeException e) {
            failures.addAll(e.diagnostics());
            return ExecutionResult.Outcome.FAILED;
        }
    }

    private void forward(Change change, DeclaredResource resource) {
        ResourceState prior = initial.resource(resource.address());
        Map<String, Object> inputs = InputResolver.resolve(resource.declaration().properties(),
                operations.schema(resource.type()), address -> java.util.Optional.ofNullable(known.get(address)));
        if (dev.converge.spi.Values.containsUnknown(inputs)) {
            throw ProviderException.fatal("an input is still unknown after its dependencies were applied");
        }
        ResourceState result = switch (change.kind()) {
            case CREATE -> {
                ResourceState created = operations.create(resource, inputs);
                added.incrementAndGet();
                yield created;
            }
            case UPDATE -> updateOrReplace(resource, prior, inputs);
            case REPLACE -> replace(resource, prior, inputs, ((Change.Replace) change).order());
            case DELETE, READ, IMPORT, MOVE, NO_OP -> throw new IllegalStateException(change.kind() + " in forward phase");
        };
        if (result != null) {
            known.put(resource.address(), withId(result));
        }
    }

    /**
     * Makes what a read found known to its dependents: what the plan read, or for a lookup deferred to apply
     * (its filter depended on values known only now), what it finds now.
     */
    private ExecutionResult.Outcome read(Change.Read read) {
        if (!read.deferred()) {
            known.put(read.address(), new dev.converge.engine.plan.OutputsWithId(read.outputs(), read.id()));
            return ExecutionResult.Outcome.DONE;
        }
        ExternalReads.Found found = reads.lookupNow(graph.lookup(read.address()),
                address -> java.util.Optional.ofNullable(known.get(address)));
        if (found.problem().isPresent()) {
            failures.add(found.problem().get());
            return ExecutionResult.Outcome.FAILED;
        }
        Change.Read now = found.read().orElseThrow();
        known.put(read.address(), new dev.converge.engine.plan.OutputsWithId(now.outputs(), now.id()));
        return ExecutionResult.Outcome.DONE;
    }

    /** Re-diffs with the real values of what was unknown at plan time. */
    private ResourceState updateOrReplace(DeclaredResource resource, ResourceState prior, Map<String, Object> inputs) {
        var diffs = dev.converge.engine.plan.DiffRules.apply(operations.diff(resource, prior, inputs).diffs(), resource.declaration().options());
        if (diffs.isEmpty()) {
            return prior;
        }
        if (diffs.stream().anyMatch(dev.converge.spi.PropertyDiff::forcesReplacement)) {
            return replace(resource, prior, inputs, resource.declaration().options().replacementOrder()
                    == ReplacementOrder.DELETE_BEFORE_CREATE ? ReplacementOrder.DELETE_BEFORE_CREATE
                    : ReplacementOrder.CREATE_BEFORE_DELETE);
        }
        // Counted once it succeeded: an update the system refused changed nothing.
        ResourceState updated = operations.update(resource, prior, inputs, diffs);
        changed.incrementAndGet();
        return updated;
    }

    private ResourceState replace(DeclaredResource resource, ResourceState prior, Map<String, Object> inputs,
            ReplacementOrder order) {
        ResourceOperations.Replaced replaced = operations.replace(resource, prior, inputs, order);
        added.incrementAndGet();
        if (replaced.deposed() != null) {
            deposed.add(replaced.deposed());
        } else {
            destroyed.incrementAndGet();
        }
        return replaced.created();
    }

    private void runDeletes(Map<Address, ExecutionResult.Outcome> forward) {
        DeletePhase.run(new DeletePhase.Run(plan, session, operations, workers, forward, cancelled, failures,
                destroyed, outcomes, progress), deposed);
    }

    /** A view, not a copy: the run keeps one for every resource in the state. */
    private static Map<String, Object> withId(ResourceState resource) {
        return new dev.converge.engine.plan.OutputsWithId(resource.outputs(), resource.id());
    }
}
