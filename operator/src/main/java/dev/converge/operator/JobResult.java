package dev.converge.operator;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one run of a stack did, as the runner in the Job's container reports it to the controller through
 * the container's termination message ({@link JobResultCodec}: JSON, at most 4 KiB). Secrets never appear:
 * outputs holding one are {@code (sensitive)}. Immutable.
 *
 * @param mode what the run was asked to do
 * @param status how it ended
 * @param serial the state's serial afterwards; empty when the state was not read
 * @param plan the plan's counts (replacements count as an add and a destroy)
 * @param done the objects created, updated and deleted
 * @param fingerprint the plan's fingerprint (what a reviewer approves); empty when nothing was planned
 * @param changes one line per planned change, such as {@code + k8s:ConfigMap settings}, for a reviewer
 * @param drift one line per object changed outside Converge, such as {@code k8s:Deployment web: deleted}
 * @param outputs the stack's outputs, secrets masked
 * @param errors the problem, its first lines
 * @param lockTakenOver why the lock of a dead earlier run was taken over; empty when it was free
 * @param recovered steps of an interrupted earlier run resolved first
 * @param seconds how long the run took
 * @param truncated true when lists were shortened to fit the termination message
 */
public record JobResult(Mode mode, Status status, OptionalLong serial, Counts plan, Counts done, String fingerprint,
        List<String> changes, List<String> drift, Map<String, String> outputs, List<String> errors,
        String lockTakenOver, int recovered, double seconds, boolean truncated) {

    /** What a run is asked to do; its name is the value of the runner's {@code CONVERGE_JOB_MODE}. */
    public enum Mode {
        /** Plan and apply (approval auto). */
        APPLY,
        /** Plan only, and report the plan for approval (approval manual). */
        PLAN,
        /** Apply, but only a plan whose fingerprint is the approved one. */
        APPLY_APPROVED,
        /** Plan only, to report drift between reconciles (approval auto, driftCheckInterval). */
        DRIFT_CHECK,
        /** Destroy everything the stack manages (deletion policy destroy). */
        DESTROY
    }

    /** How a run ended. */
    public enum Status {
        /** Every change was made. */
        APPLIED,
        /** Nothing to change. */
        NO_CHANGES,
        /** A plan with changes, not applied (plan and drift-check runs). */
        PLANNED,
        /** Some resources failed; the others were changed, and state records both. */
        FAILED,
        /** Stopped (the Job was deleted); changes in flight finished and were recorded. */
        INTERRUPTED,
        /** The approved fingerprint is not the plan's any more: the state, program or config moved on. */
        STALE,
        /** The program, its configuration or the state was refused before any change. */
        REFUSED,
        /** Refused before any change because of the stack's configuration (a required key is missing, ...). */
        CONFIG_INVALID,
        /** The program class cannot be loaded or made: not in the image, not a Program, no usable constructor. */
        PROGRAM_INVALID,
        /** Another live run holds the stack's lock. */
        LOCKED,
        /** The runner failed unexpectedly. */
        CRASHED;

        /** Whether the run counts as a success for retries and the Ready condition. */
        public boolean succeeded() {
            return switch (this) {
                case APPLIED, NO_CHANGES, PLANNED -> true;
                case FAILED, INTERRUPTED, STALE, REFUSED, CONFIG_INVALID, PROGRAM_INVALID, LOCKED, CRASHED -> false;
            };
        }
    }

    /** Counts of a plan or of what was done. */
    public record Counts(int add, int change, int destroy) {
        public static final Counts NONE = new Counts(0, 0, 0);

        /** {@code 1 to add, 0 to change, 0 to destroy}. */
        public String describe() {
            return add + " to add, " + change + " to change, " + destroy + " to destroy";
        }

        public boolean isEmpty() {
            return add == 0 && change == 0 && destroy == 0;
        }
    }

    public JobResult {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(done, "done");
        fingerprint = fingerprint == null ? "" : fingerprint;
        changes = List.copyOf(changes);
        drift = List.copyOf(drift);
        outputs = Map.copyOf(outputs);
        errors = List.copyOf(errors);
        lockTakenOver = lockTakenOver == null ? "" : lockTakenOver;
    }

    /** A run that ended before it planned anything. */
    public static JobResult ofProblem(Mode mode, Status status, List<String> errors, double seconds) {
        return new JobResult(mode, status, OptionalLong.empty(), Counts.NONE, Counts.NONE, "", List.of(), List.of(),
                Map.of(), errors, "", 0, seconds, false);
    }
}
