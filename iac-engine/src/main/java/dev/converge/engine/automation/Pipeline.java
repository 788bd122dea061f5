package dev.converge.engine.automation;

import dev.converge.api.Diagnostic;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.apply.ExecutionResult;
import dev.converge.engine.apply.Executor;
import dev.converge.engine.apply.Progress;
import dev.converge.engine.apply.Reads;
import dev.converge.engine.declare.Declarations;
import dev.converge.engine.declare.StackCollector;
import dev.converge.engine.declare.StackConfig;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Drift;
import dev.converge.engine.plan.ExternalReads;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.plan.Providers;
import dev.converge.engine.plan.Refresher;
import dev.converge.engine.policy.PolicyCheck;
import dev.converge.engine.policy.Violation;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.Provider;
import dev.converge.spi.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One stack of one program in one working directory: the pipeline declare, graph, plan, apply, state.
 * The steps the {@link StackEngine}'s operations are made of; it owns the providers (the engine's own
 * deployment strategies included) and, unless one was given, the state backend. Every user problem
 * surfaces as a {@link ConvergeException} before anything is changed. Not thread-safe.
 */
final class Pipeline implements AutoCloseable {

    private final EngineSettings settings;
    private final StackConfig config;
    private final Providers providers;
    private final DeployProvider deploy;
    private final StateBackend backend;
    private final boolean ownsBackend;
    private final Events events;
    private final ExternalReads reads;
    private ResourceGraph graph;

    Pipeline(EngineSettings settings, Events events) {
        this.settings = settings;
        this.events = events;
        this.config = StackConfig.load(settings.workDir(), settings.stack(), settings.environment());
        // The deployment strategies run in the engine and reach the other providers through this registry.
        AtomicReference<Providers> registry = new AtomicReference<>();
        List<Provider> withDeploy = new ArrayList<>(settings.providers());
        this.deploy = new DeployProvider(type -> registry.get().forType(type), events);
        if (settings.providers().stream().noneMatch(provider -> provider.name().equals(deploy.name()))) {
            withDeploy.add(deploy);
        }
        this.providers = Providers.of(withDeploy, settings.serviceLoader(), settings.stack(), config.asMap(),
                settings.workDir());
        registry.set(providers);
        providers.configurations(() -> graph().declarations().configurations());
        this.ownsBackend = settings.backend() == null;
        this.backend = ownsBackend ? new LocalStateBackend(settings.workDir().resolve(".converge")) : settings.backend();
        this.reads = ExternalReads.live(providers, backend, settings.stack(), config.asMap());
    }

    EngineSettings settings() {
        return settings;
    }

    /** Runs the program and builds its graph; all declaration problems are thrown together. */
    ResourceGraph graph() {
        if (graph == null) {
            Declarations declarations = StackCollector.collect(settings.program(), config);
            ResourceGraph.Result result = ResourceGraph.build(declarations);
            List<Diagnostic> problems = new ArrayList<>(declarations.diagnostics());
            problems.addAll(result.problems());
            if (problems.stream().anyMatch(Diagnostic::isError)) {
                throw new ConvergeException(problems);
            }
            graph = result.graph().orElseThrow();
        }
        return graph;
    }

    /** The stored state without taking the lock. */
    State state() {
        return StateSession.load(backend, settings.stack(), config.asMap());
    }

    /** A plan and the refreshed state it was computed from. */
    record Planned(Plan plan, State refreshed) {
    }

    /**
     * Plans against {@code prior} (refreshed unless turned off; a refresh-only plan always refreshes); the
     * policies are enforced on a normal plan.
     */
    Planned planAgainst(State prior, PlanOptions options) {
        return planAgainst(prior, options, true);
    }

    private Planned planAgainst(State prior, PlanOptions options, boolean enforce) {
        ResourceGraph desired = graph();
        State refreshed = prior;
        List<Drift> drift = List.of();
        boolean refresh = settings.refresh() || options.mode() == Plan.Mode.REFRESH_ONLY;
        if (refresh && options.mode() == Plan.Mode.NORMAL && !prior.resources().isEmpty()) {
            // Validate before refresh reads anything, so a broken program fails before any provider call.
            Planner.plan(desired, State.absent(prior.stack()), List.of(), providers, PlanOptions.normal());
        }
        if (refresh) {
            Refresher.Result result = Refresher.refresh(prior, providers, settings.parallelism(),
                    Reads.withRetries(events, settings.parallelism()));
            refreshed = result.state();
            drift = result.drift();
        }
        if (options.mode() == Plan.Mode.REFRESH_ONLY) {
            return new Planned(new Plan(prior.stack(), prior.lineage(), prior.serial(), Plan.Mode.REFRESH_ONLY,
                    List.of(), drift, Map.of(), List.of(), new Plan.Fingerprint("", "")), refreshed);
        }
        Plan plan = Planner.plan(desired, refreshed, drift, providers, reads, options);
        return new Planned(enforce ? PolicyCheck.enforce(settings.policies(), plan, desired, refreshed) : plan,
                refreshed);
    }

    /** Every violation of the policies by a plan against the stored state, advisory and mandatory alike. */
    List<Violation> violations(PlanOptions options) {
        Planned planned = planAgainst(state(), options, false);
        return PolicyCheck.evaluate(settings.policies(), PolicyCheck.input(planned.plan(), graph(), planned.refreshed()));
    }

    /** Takes the stack's lock for a changing operation. */
    StateSession lock(String operation) {
        StateSession session = StateSession.open(backend, settings.stack(), new StateSession.Options(operation,
                settings.lockTimeout(), config.asMap()));
        session.takeover().ifPresent(takeover -> events.emit(new EngineEvent.LockTakenOver(takeover.stack(),
                takeover.previous(), takeover.reason(), takeover.describe())));
        events.emit(new EngineEvent.LockAcquired(settings.stack(), operation, session.lock()));
        return session;
    }

    /**
     * Records what refresh found and the changed options, then applies the plan and commits the new
     * state. The state is committed even when resources failed or the run was cancelled, so nothing is lost.
     */
    ExecutionResult apply(StateSession session, Planned planned, Progress progress, BooleanSupplier cancelled) {
        SecretsGuard.requireKey(session, planned.plan());
        PlanRecords.drift(session, planned);
        PlanRecords.options(session, planned, graph());
        ExecutionResult result = Executor.apply(planned.plan(), graph(), providers, reads, session,
                settings.parallelism(), progress, cancelled);
        session.commit(result.outputs());
        return result;
    }

    Providers providers() {
        return providers;
    }

    /** Converge's own deployment strategies, which the step commands drive directly. */
    DeployProvider deploy() {
        return deploy;
    }

    StateBackend backend() {
        return backend;
    }

    StackConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            providers.close();
        } finally {
            if (ownsBackend) {
                backend.close();
            }
        }
    }
}
