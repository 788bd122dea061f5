package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.apply.ExecutionResult;
import dev.converge.engine.apply.Recovery;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The sequence every apply-like operation runs, in one place: the program's graph, the rollback pin, the
 * stack's lock, recovery of an interrupted run, the plan (saved or new) with the policy check, approval,
 * the recording of drift and options, the apply, the commit and the release record; the lock is released
 * however it ends. Not thread-safe: the {@link StackEngine} runs one operation at a time.
 */
final class ApplyRun {

    private final Pipeline pipeline;
    private final Events events;

    ApplyRun(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    /**
     * Runs {@code operation} ({@code apply}, {@code destroy}, {@code deploy}, ...) with the plan options
     * {@code options}; {@code pinChecked} refuses an unchanged program on a stack a rollback pinned.
     */
    ApplyResult run(String operation, PlanOptions options, ApplyRequest request, boolean pinChecked) {
        pipeline.graph();
        if (pinChecked) {
            Releases.checkPin(pipeline, request.unpin());
        }
        try (StateSession session = pipeline.lock(operation)) {
            List<Recovered> recovered = recover(pipeline, session, events);
            Optional<SavedPlan> saved = request.savedPlan().map(SavedPlan::read);
            PlanOptions effective = saved.map(SavedPlan::options).orElse(options);
            Pipeline.Planned planned = pipeline.planAgainst(session.state(), effective);
            Plan plan = planned.plan();
            if (saved.isPresent()) {
                saved.get().verify(plan, request.savedPlan().get());
            }
            events.emit(new EngineEvent.PlanComputed(plan));
            if (!plan.hasChanges()) {
                PlanRecords.settle(session, planned, pipeline.graph());
                return unchanged(ApplyResult.Status.NO_CHANGES, plan, plan.outputs(), recovered, session.state());
            }
            if (saved.isEmpty() && !request.approval().approve(plan)) {
                return unchanged(ApplyResult.Status.DECLINED, plan, session.state().outputs(), recovered,
                        session.state());
            }
            return execute(operation, session, planned, request, recovered);
        }
    }

    private ApplyResult execute(String operation, StateSession session, Pipeline.Planned planned,
            ApplyRequest request, List<Recovered> recovered) {
        events.emit(new EngineEvent.ApplyStarted(planned.plan().summary()));
        ExecutionResult result;
        pipeline.deploy().pauseAt(request.pauseAt());
        try {
            result = pipeline.apply(session, planned, events, request.cancelled());
        } finally {
            pipeline.deploy().pauseAt(Optional.empty());
        }
        State after = session.state();
        OptionalLong release = OptionalLong.empty();
        if (planned.plan().mode() == Plan.Mode.NORMAL && !result.interrupted()) {
            release = serial(Releases.record(pipeline, after, result.succeeded(), operation, 0));
        }
        return applied(planned.plan(), result, after, recovered, release);
    }

    static OptionalLong serial(Optional<Release> release) {
        return release.map(r -> OptionalLong.of(r.serial())).orElse(OptionalLong.empty());
    }

    /** The result of carrying out {@code plan}. */
    static ApplyResult applied(Plan plan, ExecutionResult result, State after, List<Recovered> recovered,
            OptionalLong release) {
        ApplyResult.Status status = result.interrupted() ? ApplyResult.Status.INTERRUPTED
                : result.failures().isEmpty() ? ApplyResult.Status.APPLIED : ApplyResult.Status.FAILED;
        return new ApplyResult(status, plan, result.added(), result.changed(), result.destroyed(),
                outcomes(plan, result, after), result.failures(), result.outputs(), recovered, release, paused(after),
                after);
    }

    static ApplyResult unchanged(ApplyResult.Status status, Plan plan, java.util.Map<String, Object> outputs,
            List<Recovered> recovered, State state) {
        return new ApplyResult(status, plan, 0, 0, 0, List.of(), List.of(), outputs, recovered, OptionalLong.empty(),
                paused(state), state);
    }

    /** How each planned action ended, in plan order. */
    private static List<ResourceOutcome> outcomes(Plan plan, ExecutionResult result, State after) {
        List<ResourceOutcome> outcomes = new ArrayList<>();
        for (Change change : plan.actions()) {
            Address address = change.address();
            ExecutionResult.Outcome outcome = result.outcomes().get(address);
            ResourceOutcome.Status status = outcome == null ? ResourceOutcome.Status.SKIPPED : switch (outcome) {
                case DONE -> ResourceOutcome.Status.SUCCEEDED;
                case FAILED -> ResourceOutcome.Status.FAILED;
                case SKIPPED -> ResourceOutcome.Status.SKIPPED;
            };
            ResourceState now = after.resource(address);
            Optional<Diagnostic> failure = result.failures().stream()
                    .filter(d -> d.address().equals(address.toString())).findFirst();
            outcomes.add(new ResourceOutcome(address, change.kind(), status,
                    Optional.ofNullable(now).map(ResourceState::id), failure));
        }
        return outcomes;
    }

    /** The stack's deployments that are paused, with the step each stopped after. */
    static List<PausedDeployment> paused(State state) {
        List<PausedDeployment> paused = new ArrayList<>();
        for (ResourceState resource : state.resources().values()) {
            if (resource.type().startsWith(DeployProvider.TYPE_PREFIX)) {
                DeployProvider.pausedAt(resource.outputs())
                        .ifPresent(step -> paused.add(new PausedDeployment(resource.address(), step)));
            }
        }
        return paused;
    }

    /** Resolves what an interrupted earlier run left unfinished, before anything is planned. */
    static List<Recovered> recover(Pipeline pipeline, StateSession session, Events events) {
        if (session.pendingIntents().isEmpty()) {
            return List.of();
        }
        List<Recovered> recovered = new ArrayList<>();
        for (Recovery.Resolved resolved : Recovery.resolve(session, pipeline.providers(), pipeline.settings().stack())) {
            recovered.add(new Recovered(resolved.address(), resolved.operation().text(), outcome(resolved.resolution()),
                    resolved.message()));
        }
        events.emit(new EngineEvent.RecoveryDone(recovered));
        return recovered;
    }

    private static Recovered.Outcome outcome(Recovery.Resolution resolution) {
        return switch (resolution) {
            case ADOPTED -> Recovered.Outcome.ADOPTED;
            case NOTHING_CREATED -> Recovered.Outcome.NOTHING_CREATED;
            case STILL_EXISTS -> Recovered.Outcome.STILL_EXISTS;
            case GONE -> Recovered.Outcome.GONE;
            case STATE_ONLY -> Recovered.Outcome.STATE_ONLY;
            case DEFERRED -> Recovered.Outcome.DEFERRED;
        };
    }
}
