package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.apply.Progress;
import dev.converge.engine.deploy.DeploymentEvents;
import java.time.Duration;
import java.util.Optional;

/**
 * Delivers a {@link StackEngine}'s events to its listener one at a time, whatever thread reports them, and
 * turns what the executor ({@link Progress}) and the deployment strategies ({@link DeploymentEvents})
 * report into {@link EngineEvent}s. A listener that throws is logged, never allowed to break a run: the
 * executor calls in between durable journal records. Thread-safe.
 */
final class Events implements Progress, DeploymentEvents {

    private final EngineListener listener;

    Events(EngineListener listener) {
        this.listener = listener;
    }

    synchronized void emit(EngineEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // The logger is looked up here, not in a static field: that loads the logging back end on every run.
            System.getLogger(Events.class.getName()).log(System.Logger.Level.WARNING, "the engine listener failed on " + event.kind() + "; ignored", e);
        }
    }

    @Override
    public void started(Address address, Operation operation) {
        emit(new EngineEvent.ResourceStarted(address, of(operation)));
    }

    @Override
    public void stillRunning(Address address, Operation operation, Duration elapsed) {
        emit(new EngineEvent.ResourceStillRunning(address, of(operation), elapsed));
    }

    @Override
    public void finished(Address address, Operation operation, Duration elapsed, String id, String error) {
        if (error == null) {
            emit(new EngineEvent.ResourceFinished(address, of(operation), elapsed, id == null ? "" : id));
        } else {
            emit(new EngineEvent.ResourceFailed(address, of(operation), elapsed, error));
        }
    }

    @Override
    public void retrying(Address address, Operation operation, int attempt, Duration backoff, String error) {
        emit(new EngineEvent.ResourceRetried(address, of(operation), attempt, backoff, error));
    }

    @Override
    public void concurrencyChanged(String provider, int from, int to, boolean throttled) {
        emit(new EngineEvent.ConcurrencyChanged(provider, from, to, throttled));
    }

    @Override
    public void skipped(Address address, String reason) {
        emit(new EngineEvent.ResourceSkipped(address, reason));
    }

    @Override
    public void stepReached(Address service, DeploymentStep step) {
        emit(new EngineEvent.StepReached(service, step));
    }

    @Override
    public void verified(Address service, DeploymentStep step, String version, Optional<String> failure) {
        emit(new EngineEvent.VerificationResult(service, step, version, failure.isEmpty(), failure.orElse("")));
    }

    private static EngineEvent.Operation of(Operation operation) {
        return switch (operation) {
            case CREATE -> EngineEvent.Operation.CREATE;
            case UPDATE -> EngineEvent.Operation.UPDATE;
            case DELETE -> EngineEvent.Operation.DELETE;
            case FORGET -> EngineEvent.Operation.FORGET;
            case READ -> EngineEvent.Operation.READ;
        };
    }
}
