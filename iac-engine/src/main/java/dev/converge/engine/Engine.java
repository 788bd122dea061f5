package dev.converge.engine;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.engine.apply.ApplyResult;
import dev.converge.engine.apply.Executor;
import dev.converge.engine.apply.Progress;
import dev.converge.engine.declare.Declarations;
import dev.converge.engine.declare.StackCollector;
import dev.converge.engine.declare.StackConfig;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Drift;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.plan.Providers;
import dev.converge.engine.plan.Refresher;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.Provider;
import dev.converge.spi.state.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stack of one program in one working directory: the pipeline declare, graph, plan, apply, state,
 * as the CLI and tests drive it. Every user problem surfaces as a {@link ConvergeException} before
 * anything is changed. Not thread-safe; one command at a time.
 */
public final class Engine implements AutoCloseable {

    /** Settings of a run that do not come from the program. */
    public record Settings(String stack, Path workDir, int parallelism, Duration lockTimeout, boolean refresh,
            Map<String, String> environment) {
    }

    private final Program program;
    private final Settings settings;
    private final StackConfig config;
    private final Providers providers;
    private final StateBackend backend;
    private final boolean ownsBackend;
    private Declarations declarations;
    private ResourceGraph graph;
    private List<dev.converge.engine.policy.Policy> policies = List.of();

    Engine(Program program, Settings settings, List<Provider> explicit, boolean serviceLoader, StateBackend backend) {
        this.program = program;
        this.settings = settings;
        this.config = StackConfig.load(settings.workDir(), settings.stack(), settings.environment());
        // The deployment strategies run in the engine and reach the other providers through this registry.
        java.util.concurrent.atomic.AtomicReference<Providers> registry = new java.util.concurrent.atomic.AtomicReference<>();
        List<Provider> withDeploy = new java.util.ArrayList<>(explicit);
        if (explicit.stream().noneMatch(provider -> provider.name().equals("deploy"))) {
            withDeploy.add(new dev.converge.engine.deploy.DeployProvider(type -> registry.get().forType(type)));
        }
        this.providers = Providers.of(withDeploy, serviceLoader, settings.stack(), config.asMap(), settings.workDir());
        registry.set(providers);
        this.ownsBackend = backend == null;
        this.backend = backend != null ? backend : new LocalStateBackend(settings.workDir().resolve(".converge"));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The policies every normal plan is checked against (see
     * {@link dev.converge.engine.policy.PolicyCheck#enforce}); returns this engine.
     */
    public Engine policies(List<dev.converge.engine.policy.Policy> newPolicies) {
        policies = List.copyOf(newPolicies);
        return this;
    }

    /** Runs the program and builds its graph; all declaration problems are thrown together. */
    public ResourceGraph graph() {
        if (graph == null) {
            declarations = StackCollector.collect(program, config);
            ResourceGraph.Result result = ResourceGraph.build(declarations);
            List<dev.converge.api.Diagnostic> problems = new java.util.ArrayList<>(declarations.diagnostics());
            problems.addAll(result.problems());
            if (problems.stream().anyMatch(dev.converge.api.Diagnostic::isError)) {
                throw new ConvergeException(problems);
            }
            graph = result.graph().orElseThrow();
        }
        return graph;
    }

    /** The stored state without taking the lock. */
    public State state() {
        return StateSession.load(backend, settings.stack(), config.asMap());
    }

    /** Plans against the stored state (refreshed unless turned off), without taking the lock. */
    public Plan plan(PlanOptions options) {
        return planAgainst(state(), options).plan();
    }

    /** A plan and the refreshed state it was computed from. */
    public record Planned(Plan plan, State refreshed) {
    }

    Planned planAgainst(State prior, PlanOptions options) {
        ResourceGraph desired = graph();
        State refreshed = prior;
        List<Drift> drift = List.of();
        if (settings.refresh() && options.mode() == Plan.Mode.NORMAL && !prior.resources().isEmpty()) {
            // Validate before refresh reads anything, so a broken program fails before any provider call.
            Planner.plan(desired, State.absent(prior.stack()), List.of(), providers, PlanOptions.normal());
        }
        if (settings.refresh()) {
            Refresher.Result result = Refresher.refresh(prior, providers, settings.parallelism());
            refreshed = result.state();
            drift = result.drift();
        }
        if (options.mode() == Plan.Mode.REFRESH_ONLY) {
            return new Planned(new Plan(prior.stack(), prior.lineage(), prior.serial(), Plan.Mode.REFRESH_ONLY,
                    List.of(), drift, Map.of(), List.of(), new Plan.Fingerprint("", "")), refreshed);
        }
        Plan plan = Planner.plan(desired, refreshed, drift, providers, options);
        return new Planned(dev.converge.engine.policy.PolicyCheck.enforce(policies, plan, desired, refreshed), refreshed);
    }

    /** Takes the stack's lock for a changing command. */
    public StateSession lock(String operation) {
        return StateSession.open(backend, settings.stack(), new StateSession.Options(operation,
                settings.lockTimeout(), config.asMap()));
    }

    /** Plans under the lock held by {@code session}. */
    public Planned planLocked(StateSession session, PlanOptions options) {
        return planAgainst(session.state(), options);
    }

    /**
     * Records what refresh found in the journal, then applies the plan and commits the new state. The
     * state is committed even when resources failed or the run was cancelled, so nothing is lost.
     */
    public ApplyResult apply(StateSession session, Planned planned, Progress progress, AtomicBoolean cancelled) {
        dev.converge.engine.apply.SecretsGuard.requireKey(session, planned.plan());
        recordDrift(session, planned);
        recordOptions(session, planned);
        ApplyResult result = Executor.apply(planned.plan(), graph(), providers, session, settings.parallelism(),
                progress, cancelled);
        session.commit(result.outputs());
        return result;
    }

    /** Persists refreshed values of drifted resources (one journal record each). */
    public void recordDrift(StateSession session, Planned planned) {
        for (Drift drift : planned.plan().drift()) {
            Address address = drift.address();
            ResourceState refreshed = planned.refreshed().resource(address);
            ResourceState stored = session.state().resource(address);
            if (stored == null) {
                continue;
            }
            long intent = session.begin(address, "refresh", stored.type(), stored.id());
            if (refreshed == null) {
                session.recordRemoved(intent, address);
            } else {
                session.recordUpsert(intent, refreshed);
            }
        }
    }

    /**
     * Stores the declared options and dependencies of unchanged resources whose stored ones differ
     * (one journal record each), so that, for example, removing {@code protect()} takes effect on the
     * next apply even when no property changed. Returns whether anything was recorded.
     */
    public boolean recordOptions(StateSession session, Planned planned) {
        boolean recorded = false;
        for (dev.converge.engine.plan.Change change : planned.plan().changes()) {
            ResourceState stored = session.state().resource(change.address());
            var declared = graph().resource(change.address());
            if (change.kind() != dev.converge.engine.plan.Change.Kind.NO_OP || stored == null || declared == null
                    || stored.options().equals(declared.declaration().options())
                    && stored.dependencies().equals(declared.dependencies())) {
                continue;
            }
            long intent = session.begin(change.address(), "options", stored.type(), stored.id());
            session.recordUpsert(intent, new ResourceState(stored.address(), stored.type(), stored.id(),
                    stored.inputs(), stored.outputs(), declared.dependencies(), declared.declaration().options()));
            recorded = true;
        }
        return recorded;
    }

    public Providers providers() {
        return providers;
    }

    public StateBackend backend() {
        return backend;
    }

    public StackConfig config() {
        return config;
    }

    @Override
    public void close() {
        providers.close();
        if (ownsBackend) {
            backend.close();
        }
    }
}
