package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Unknown;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.engine.plan.InputResolver;
import dev.converge.engine.plan.OutputsWithId;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.deploy.Restarter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Operations on running services that do not change their definition: continuing or ending a paused
 * deployment, and restarting a service in place. Each runs under the stack's lock after recovery, and
 * records its provider call in the journal before it starts. Not thread-safe.
 */
final class DeploymentControl {

    private final Pipeline pipeline;
    private final Events events;

    DeploymentControl(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    /**
     * Promotes or aborts the paused deployment of {@code address}. What the service looks like afterwards
     * (or, after a failed check, the stable version alone) is committed, and the release log gets the outcome.
     */
    DeploymentResult control(Address address, DeploymentResult.Action action, Optional<DeploymentStep> pauseAt) {
        String operation = action == DeploymentResult.Action.PROMOTE ? "promote" : "abort";
        try (StateSession session = pipeline.lock(operation)) {
            List<Recovered> recovered = ApplyRun.recover(pipeline, session, events);
            ResourceState stored = pausedService(session, address);
            DeployProvider deploy = strategies(stored);
            DeploymentStep pausedAt = DeployProvider.pausedAt(stored.outputs()).orElseThrow();
            events.emit(new EngineEvent.DeploymentControlStarted(address, action, pausedAt));
            long intent = session.begin(address, action == DeploymentResult.Action.PROMOTE ? JournalOperation.PROMOTE
                    : JournalOperation.ABORT, stored.type(), stored.id());
            Restarter.Request request = new Restarter.Request(address, stored.type(), stored.id(), stored.inputs(),
                    stored.outputs(), Duration.ofMinutes(30));
            Map<String, Object> stableInputs = DeployProvider.stableInputs(stored.outputs());
            List<Diagnostic> failures = List.of();
            boolean ending = action == DeploymentResult.Action.ABORT;
            try {
                Map<String, Object> outputs = ending ? deploy.abort(request) : deploy.promote(request, pauseAt);
                session.recordUpsert(intent, stored.withObserved(ending ? stableInputs : stored.inputs(), outputs));
            } catch (ProviderException failed) {
                // The strategy routed all traffic back and deleted the new version before it threw.
                session.recordUpsert(intent, stored.withObserved(stableInputs,
                        DeployProvider.settledOnStable(stored.outputs())));
                failures = List.of(Diagnostic.error(address.toString(), failed.getMessage(),
                        "fix the service and deploy again"));
            }
            // The stack's outputs may read what the step changed (the live version, its endpoint).
            session.commit(exports(session.state()));
            boolean ok = failures.isEmpty() && !ending;
            OptionalLong serial = ApplyRun.serial(Releases.record(pipeline, session.state(), ok, operation, 0));
            Map<String, Object> after = session.state().resource(address).outputs();
            return new DeploymentResult(address, action, pausedAt, DeployProvider.live(after),
                    DeployProvider.phase(after), DeployProvider.pausedAt(after), failures, recovered,
                    serial, session.state());
        }
    }

    /** The stored state of the paused deployment {@code address}, or a clear error. */
    private ResourceState pausedService(StateSession session, Address address) {
        ResourceState stored = session.state().resource(address);
        String stack = pipeline.settings().stack();
        if (stored == null || !stored.type().startsWith(DeployProvider.TYPE_PREFIX)) {
            throw ConvergeException.of(address.toString(), "no strategy-managed service " + address + " in stack '"
                    + stack + "'", "list the stack's resources with 'converge state list'");
        }
        if (!DeployProvider.paused(stored.outputs())) {
            throw ConvergeException.of(address.toString(), address + " has no paused deployment (phase "
                    + DeployProvider.phase(stored.outputs()).text() + ")",
                    "pause one with 'converge deploy --pause-at STEP'");
        }
        return stored;
    }

    /** Converge's deployment strategies, which carry out {@code stored}'s type in this run. */
    private DeployProvider strategies(ResourceState stored) {
        if (pipeline.providers().require(stored.type()) != pipeline.deploy()) {
            throw ConvergeException.of(stored.address().toString(), "the provider 'deploy' of this program is not"
                    + " Converge's own, so its deployments cannot be promoted or aborted step by step",
                    "register no provider named 'deploy'");
        }
        return pipeline.deploy();
    }

    /** Restarts {@code address} in place; a strategy-managed service through its verified steps. */
    ResourceState restart(Address address) {
        try (StateSession session = pipeline.lock("restart")) {
            ApplyRun.recover(pipeline, session, events);
            ResourceState stored = session.state().resource(address);
            if (stored == null) {
                throw ConvergeException.of(address.toString(), "no resource " + address + " in stack '"
                        + pipeline.settings().stack() + "'", "list the stack's resources with 'converge state list'");
            }
            Provider provider = pipeline.providers().forConfiguration(stored.type(), stored.configuration())
                    .orElseThrow(() -> ConvergeException.of(address.toString(), "no provider " + stored.managedBy()
                            + " for " + stored.type(), "declare its provider configuration in the program"));
            Restarter restarter = provider.extension(Restarter.class).orElseThrow(() -> ConvergeException.of(
                    address.toString(), "provider '" + provider.name() + "' cannot restart " + stored.type(),
                    "replace it instead: converge apply --replace " + address));
            events.emit(new EngineEvent.ResourceStarted(address, EngineEvent.Operation.RESTART));
            long start = System.nanoTime();
            long intent = session.begin(address, JournalOperation.RESTART, stored.type(), stored.id(),
                    stored.configuration());
            Map<String, Object> outputs;
            try {
                outputs = restarter.restart(new Restarter.Request(address, stored.type(), stored.id(),
                        stored.inputs(), stored.outputs(), Duration.ofMinutes(5)));
            } catch (ProviderException failed) {
                session.recordFailed(intent, failed.getMessage());
                events.emit(new EngineEvent.ResourceFailed(address, EngineEvent.Operation.RESTART, elapsed(start),
                        failed.getMessage()));
                throw failed;
            }
            ResourceState restarted = stored.withObserved(stored.inputs(), outputs);
            session.recordUpsert(intent, restarted);
            // The stack's outputs may read what the restart changed (a live instance, an address).
            session.commit(exports(session.state()));
            events.emit(new EngineEvent.ResourceFinished(address, EngineEvent.Operation.RESTART, elapsed(start),
                    stored.id()));
            return restarted;
        }
    }

    /** The program's exports resolved against {@code state}; an export still unknown keeps its recorded value. */
    private Map<String, Object> exports(dev.converge.engine.state.State state) {
        Map<String, Object> outputs = new java.util.LinkedHashMap<>();
        pipeline.graph().declarations().exports().forEach((name, value) -> {
            Object resolved = InputResolver.resolveValue(value, address -> java.util.Optional
                    .ofNullable(state.resource(address))
                    .map(resource -> new OutputsWithId(resource.outputs(), resource.id())));
            outputs.put(name, resolved instanceof Unknown ? state.outputs().get(name) : resolved);
        });
        return outputs;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
