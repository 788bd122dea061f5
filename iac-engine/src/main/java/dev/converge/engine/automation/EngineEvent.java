package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.plan.Plan;
import java.time.Duration;
import java.util.List;

/**
 * Something that happened during an operation of a {@link StackEngine}, delivered to its
 * {@link EngineListener} while the operation runs. Each kind is an immutable record; dispatch on
 * {@link #kind()}. Converge's own listeners list every kind (a switch without default, so a new kind
 * breaks their build where it must be handled); a listener of yours should ignore kinds it does not
 * know, as later versions add kinds (such as a lock taken over) without breaking it.
 */
public sealed interface EngineEvent permits EngineEvent.LockTakenOver, EngineEvent.LockAcquired,
        EngineEvent.PlanComputed, EngineEvent.RollbackPlanned, EngineEvent.ApplyStarted, EngineEvent.RecoveryDone,
        EngineEvent.ResourceStarted, EngineEvent.ResourceStillRunning, EngineEvent.ResourceFinished,
        EngineEvent.ResourceFailed,
        EngineEvent.ResourceRetried, EngineEvent.ResourceSkipped, EngineEvent.StepReached,
        EngineEvent.VerificationResult, EngineEvent.PromotionStarted, EngineEvent.DeploymentControlStarted,
        EngineEvent.ConcurrencyChanged {

    /** The kinds of event. */
    enum Kind {
        LOCK_TAKEN_OVER,
        LOCK_ACQUIRED,
        PLAN_COMPUTED,
        ROLLBACK_PLANNED,
        APPLY_STARTED,
        RECOVERY_DONE,
        RESOURCE_STARTED,
        RESOURCE_STILL_RUNNING,
        RESOURCE_FINISHED,
        RESOURCE_FAILED,
        RESOURCE_RETRIED,
        RESOURCE_SKIPPED,
        STEP_REACHED,
        VERIFICATION_RESULT,
        PROMOTION_STARTED,
        DEPLOYMENT_CONTROL_STARTED,
        CONCURRENCY_CHANGED
    }

    /** What a provider call on one resource does. */
    enum Operation {
        CREATE,
        UPDATE,
        DELETE,
        /** Removed from state only ({@code retainOnDelete}); the real object stays. */
        FORGET,
        /** A restart in place ({@link StackEngine#restart}). */
        RESTART,
        /** Refresh reading an object back before a plan; seen only in {@link ResourceRetried}. */
        READ
    }

    Kind kind();

    /**
     * The stack's lock was held by a run that is gone (its process ended, or its heartbeat stopped for the
     * lease), and this operation took it over; the dead run's unfinished steps are recovered next.
     *
     * @param previous the lock that was taken over: who held it, since when, for what
     * @param reason why its holder counts as gone
     * @param description one line for people: {@code Took over the lock of stack 'dev' from ...}
     */
    record LockTakenOver(String stack, dev.converge.spi.state.LockInfo previous, String reason, String description)
            implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.LOCK_TAKEN_OVER;
        }
    }

    /**
     * A changing operation took the stack's lock (after waiting up to the lock timeout); it holds it until
     * the operation ends.
     *
     * @param lock the lock as recorded: its id, holder and generation
     */
    record LockAcquired(String stack, String operation, dev.converge.spi.state.LockInfo lock) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.LOCK_ACQUIRED;
        }
    }

    /** The plan of an apply, destroy, refresh or deploy, policies checked, before anything changes. */
    record PlanComputed(Plan plan) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.PLAN_COMPUTED;
        }
    }

    /**
     * The plan of a rollback from serial {@code fromSerial} to {@code toSerial}; {@code dataChanges} names the
     * resources holding data it replaces or deletes (allowed by the request).
     */
    record RollbackPlanned(Plan plan, long fromSerial, long toSerial, List<String> dataChanges) implements EngineEvent {
        public RollbackPlanned {
            dataChanges = List.copyOf(dataChanges);
        }

        @Override
        public Kind kind() {
            return Kind.ROLLBACK_PLANNED;
        }
    }

    /** The plan was approved and its changes start now. */
    record ApplyStarted(Plan.Summary summary) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.APPLY_STARTED;
        }
    }

    /** An earlier run was interrupted; these of its unfinished steps were resolved before planning. */
    record RecoveryDone(List<Recovered> recovered) implements EngineEvent {
        public RecoveryDone {
            recovered = List.copyOf(recovered);
        }

        @Override
        public Kind kind() {
            return Kind.RECOVERY_DONE;
        }
    }

    record ResourceStarted(Address address, Operation operation) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.RESOURCE_STARTED;
        }
    }

    /** The operation is still running after {@code elapsed}; about every ten seconds. */
    record ResourceStillRunning(Address address, Operation operation, Duration elapsed) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.RESOURCE_STILL_RUNNING;
        }
    }

    /** The operation succeeded; {@code id} is the object's id, empty when it has none (a delete). */
    record ResourceFinished(Address address, Operation operation, Duration elapsed, String id) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.RESOURCE_FINISHED;
        }
    }

    /** The operation failed after its retries; the resource's dependents are skipped. */
    record ResourceFailed(Address address, Operation operation, Duration elapsed, String message) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.RESOURCE_FAILED;
        }
    }

    /** Attempt {@code attempt} failed with a retryable error; the next one starts after {@code backoff}. */
    record ResourceRetried(Address address, Operation operation, int attempt, Duration backoff, String message)
            implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.RESOURCE_RETRIED;
        }
    }

    /** The planned change of {@code address} was not started, for {@code reason}. */
    record ResourceSkipped(Address address, String reason) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.RESOURCE_SKIPPED;
        }
    }

    /** A strategy-managed service's deployment carried out {@code step}. */
    record StepReached(Address address, DeploymentStep step) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.STEP_REACHED;
        }
    }

    /**
     * The verification of a service's new version ({@code version}: its slot and artifact) at {@code step}:
     * passed, or failed for {@code detail} (all traffic then goes back to the stable version).
     */
    record VerificationResult(Address address, DeploymentStep step, String version, boolean passed, String detail)
            implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.VERIFICATION_RESULT;
        }
    }

    /**
     * {@link StackEngine#promoteRelease}: release {@code serial} of {@code fromStack} (made from git commit
     * {@code commit}, empty if unknown) was verified and is released to {@code toStack} with its {@code services}.
     */
    record PromotionStarted(String fromStack, String toStack, long serial, String commit, int services)
            implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.PROMOTION_STARTED;
        }
    }

    /** {@link StackEngine#promoteDeployment} or {@link StackEngine#abortDeployment} starts on a paused service. */
    record DeploymentControlStarted(Address address, DeploymentResult.Action action, DeploymentStep pausedAt)
            implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.DEPLOYMENT_CONTROL_STARTED;
        }
    }

    /**
     * The number of calls Converge runs at once against provider {@code provider} changed from {@code from} to
     * {@code to}: halved because the backend throttled a call ({@code throttled}), or raised by one after calls
     * succeeded again, up to the run's parallelism.
     */
    record ConcurrencyChanged(String provider, int from, int to, boolean throttled) implements EngineEvent {
        @Override
        public Kind kind() {
            return Kind.CONCURRENCY_CHANGED;
        }
    }
}
