package dev.converge.operator.controller;

import dev.converge.operator.JobResult;
import dev.converge.operator.StackCrd;
import dev.converge.operator.StackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a Stack's status changes when a run starts, ends or cannot start: the conditions, the pending plan,
 * the retry schedule with its backoff, and the Event to tell people. Pure apart from the status it edits.
 */
final class StatusModel {

    /** A Kubernetes Event about the Stack. */
    record Note(boolean warning, String reason, String message) {
    }

    private final OperatorSettings settings;

    StatusModel(OperatorSettings settings) {
        this.settings = settings;
    }

    static void started(StackStatus status, RunRecord run, Instant now) {
        status.lastRun = run;
        status.runs = run.number();
        status.set(Condition.PROGRESSING, true, progressReason(run.mode()), "Job " + run.job() + " started", now);
    }

    /** The result a run reported. */
    Optional<Note> recorded(StackStatus status, StackSpec spec, JobResult result, Instant now) {
        RunRecord run = status.lastRun;
        status.lastRun = run.finish(now, result.status().name(), summary(result));
        status.observedGeneration = run.generation();
        status.set(Condition.PROGRESSING, false, "Idle", "last run " + run.job() + ": " + result.status(), now);
        if (result.status() == JobResult.Status.STALE) {
            return Optional.of(stale(status, spec, result, now));
        }
        if (!result.status().succeeded()) {
            return Optional.of(failure(status, spec, run.mode(), reason(result.status()), errorText(result), now));
        }
        status.failures = 0;
        return switch (run.mode()) {
            case APPLY, APPLY_APPROVED -> applied(status, spec, result, now);
            case PLAN -> planned(status, spec, result, now);
            case DRIFT_CHECK -> checked(status, spec, result, now);
            case DESTROY -> destroyed(status, result, now);
        };
    }

    /** A run that ended without a result: its pod could not start, it crashed, or its Job was lost. */
    Note failedRun(StackStatus status, StackSpec spec, String reason, String message, Instant now) {
        RunRecord run = status.lastRun;
        status.lastRun = run.finish(now, reason, message.lines().findFirst().orElse(""));
        status.observedGeneration = run.generation();
        status.set(Condition.PROGRESSING, false, "Idle", "last run " + run.job() + ": " + reason, now);
        return failure(status, spec, run.mode(), reason, message, now);
    }

    /** A problem found before a Job was made (its service account is missing, ...): retried with backoff. */
    Note notStarted(StackStatus status, StackSpec spec, long generation, String reason, String message, Instant now) {
        status.observedGeneration = generation;
        status.set(Condition.PROGRESSING, false, reason, message, now);
        return failure(status, spec, JobResult.Mode.APPLY, reason, message, now);
    }

    static void invalidSpec(StackStatus status, long generation, List<String> problems, Instant now) {
        String message = "the spec is invalid: " + String.join("; ", problems);
        status.observedGeneration = generation;
        status.set(Condition.FAILED, true, "InvalidSpec", message, now);
        status.set(Condition.READY, false, "InvalidSpec", message, now);
        status.set(Condition.PROGRESSING, false, "InvalidSpec", "fix the spec; nothing runs until then", now);
    }

    static Note approvalRefused(StackStatus status, String approval, String message, Instant now) {
        status.refusedApproval = approval;
        status.set(Condition.READY, false, "ApprovalStale", message, now);
        return new Note(true, "ApprovalStale", message);
    }

    static void waiting(StackStatus status, Instant now) {
        status.set(Condition.PROGRESSING, true, "WaitingForSlot",
                "waiting for a free run slot (CONVERGE_MAX_CONCURRENT_RUNS)", now);
    }

    static void idle(StackStatus status, boolean suspended, Instant now) {
        if (suspended) {
            status.set(Condition.PROGRESSING, false, "Suspended", "spec.suspend is true: no runs start", now);
        } else if (status.condition(Condition.PROGRESSING).map(c -> c.reason().equals("Suspended")).orElse(false)) {
            status.set(Condition.PROGRESSING, false, "Idle", "resumed", now);
        }
    }

    private Optional<Note> applied(StackStatus status, StackSpec spec, JobResult result, Instant now) {
        long serial = result.serial().orElse(0);
        status.lastAppliedSerial = serial;
        status.outputs.clear();
        status.outputs.putAll(result.outputs());
        status.pendingPlan = null;
        if (!result.fingerprint().isEmpty() && status.lastRun.mode() == JobResult.Mode.APPLY_APPROVED) {
            status.appliedFingerprint = status.lastRun.approved();
        }
        boolean changed = result.status() == JobResult.Status.APPLIED;
        status.set(Condition.READY, true, changed ? "Applied" : "UpToDate", "serial " + serial + ": "
                + (changed ? done(result) : "no changes"), now);
        status.set(Condition.FAILED, false, "Succeeded", "", now);
        Optional<Note> note = changed ? Optional.of(new Note(false, "Applied", "serial " + serial + ": " + done(result)))
                : Optional.empty();
        if (!result.drift().isEmpty()) {
            String repaired = "repaired at serial " + serial + ": " + String.join("; ", result.drift());
            status.set(Condition.DRIFTED, false, "DriftRepaired", repaired, now);
            note = Optional.of(new Note(true, "DriftRepaired", repaired));
        } else {
            status.set(Condition.DRIFTED, false, "NoDrift", "", now);
        }
        status.drift.clear();
        schedule(status, spec, now);
        return note;
    }

    private Optional<Note> planned(StackStatus status, StackSpec spec, JobResult result, Instant now) {
        status.drift.clear();
        status.drift.addAll(result.drift());
        status.set(Condition.FAILED, false, "Succeeded", "", now);
        schedule(status, spec, now);
        if (result.status() == JobResult.Status.NO_CHANGES) {
            status.pendingPlan = null;
            status.set(Condition.READY, true, "UpToDate", "serial " + result.serial().orElse(0) + ": no changes", now);
            status.set(Condition.DRIFTED, false, "NoDrift", "", now);
            return Optional.empty();
        }
        boolean fresh = status.pendingPlan == null || !status.pendingPlan.fingerprint().equals(result.fingerprint());
        status.pendingPlan = new PendingPlan(result.fingerprint(), result.plan().describe(), result.changes(),
                status.lastRun.generation(), now);
        String message = "plan " + result.fingerprint() + " awaits approval (" + result.plan().describe()
                + "); approve it with: kubectl annotate --overwrite stack <name> " + StackCrd.APPROVE_ANNOTATION + "="
                + result.fingerprint();
        status.set(Condition.READY, false, "AwaitingApproval", message, now);
        driftCondition(status, result, now);
        return fresh ? Optional.of(new Note(false, "PlanAwaitingApproval", message)) : Optional.empty();
    }

    /** The approved plan moved on: the new plan awaits approval instead; nothing was changed. */
    private Note stale(StackStatus status, StackSpec spec, JobResult result, Instant now) {
        status.refusedApproval = status.lastRun.approved();
        status.pendingPlan = new PendingPlan(result.fingerprint(), result.plan().describe(), result.changes(),
                status.lastRun.generation(), now);
        status.failures = 0;
        schedule(status, spec, now);
        String message = errorText(result);
        status.set(Condition.READY, false, "ApprovalStale", message, now);
        return new Note(true, "ApprovalStale", message);
    }

    private Optional<Note> checked(StackStatus status, StackSpec spec, JobResult result, Instant now) {
        status.drift.clear();
        status.drift.addAll(result.drift());
        status.nextDriftCheckAt = spec.driftCheckInterval().map(now::plus).orElse(null);
        boolean before = status.condition(Condition.DRIFTED).map(Condition::isTrue).orElse(false);
        driftCondition(status, result, now);
        return !before && !result.drift().isEmpty()
                ? Optional.of(new Note(true, "DriftDetected", String.join("; ", result.drift()))) : Optional.empty();
    }

    private void driftCondition(StackStatus status, JobResult result, Instant now) {
        if (result.drift().isEmpty()) {
            status.set(Condition.DRIFTED, false, "NoDrift", "", now);
        } else {
            status.set(Condition.DRIFTED, true, "DriftDetected", String.join("; ", result.drift())
                    + " (repaired by the next reconcile, at " + status.nextRunAt + ")", now);
        }
    }

    private Optional<Note> destroyed(StackStatus status, JobResult result, Instant now) {
        status.destroyed = true;
        status.outputs.clear();
        status.set(Condition.READY, false, "Destroyed", "serial " + result.serial().orElse(0) + ": " + done(result), now);
        return Optional.of(new Note(false, "Destroyed", done(result)));
    }

    private Note failure(StackStatus status, StackSpec spec, JobResult.Mode mode, String reason, String message,
            Instant now) {
        status.failures++;
        Duration wait = settings.backoff(status.failures, spec.interval());
        if (mode == JobResult.Mode.DRIFT_CHECK) {
            status.nextDriftCheckAt = now.plus(wait);
        } else {
            status.nextRunAt = now.plus(wait);
        }
        String text = message + " (failure " + status.failures + " in a row; next try at " + now.plus(wait) + ")";
        status.set(Condition.FAILED, true, reason, text, now);
        if (mode != JobResult.Mode.DRIFT_CHECK) {
            status.set(Condition.READY, false, reason, text, now);
        }
        return new Note(true, reason, text);
    }

    private void schedule(StackStatus status, StackSpec spec, Instant now) {
        status.nextRunAt = now.plus(spec.interval());
        status.nextDriftCheckAt = spec.driftCheckInterval().map(now::plus).orElse(null);
    }

    static String reason(JobResult.Status status) {
        return switch (status) {
            case APPLIED -> "Applied";
            case NO_CHANGES -> "UpToDate";
            case PLANNED -> "Planned";
            case FAILED -> "ApplyFailed";
            case INTERRUPTED -> "Interrupted";
            case STALE -> "ApprovalStale";
            case REFUSED -> "Refused";
            case CONFIG_INVALID -> "ConfigInvalid";
            case PROGRAM_INVALID -> "ProgramInvalid";
            case LOCKED -> "LockHeld";
            case CRASHED -> "RunnerCrashed";
        };
    }

    private static String progressReason(JobResult.Mode mode) {
        return switch (mode) {
            case APPLY -> "Applying";
            case PLAN -> "Planning";
            case APPLY_APPROVED -> "ApplyingApprovedPlan";
            case DRIFT_CHECK -> "CheckingDrift";
            case DESTROY -> "Destroying";
        };
    }

    private static String errorText(JobResult result) {
        return result.errors().isEmpty() ? "the run ended " + result.status() : String.join("\n", result.errors());
    }

    private static String done(JobResult result) {
        JobResult.Counts done = result.done();
        return done.add() + " created, " + done.change() + " updated, " + done.destroy() + " deleted";
    }

    private static String summary(JobResult result) {
        return result.status() + " at serial " + result.serial().orElse(0) + ": plan " + result.plan().describe()
                + (result.seconds() > 0 ? String.format(java.util.Locale.ROOT, " (%.1f s)", result.seconds()) : "")
                + (result.recovered() > 0 ? "; resolved " + result.recovered() + " step(s) of an interrupted run" : "")
                + (result.lockTakenOver().isEmpty() ? "" : "; took over the lock of a dead run: "
                        + result.lockTakenOver());
    }
}
