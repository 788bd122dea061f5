package dev.converge.operator.controller;

import dev.converge.operator.JobResult;
import dev.converge.operator.StackCrd;
import dev.converge.operator.StackSpec;
import java.time.Instant;

/**
 * Decides what a stack with no run in flight needs next: a run (which mode), an approval refused, or
 * nothing until a time. Pure: the same spec, status, annotation and time give the same answer.
 */
final class Schedule {

    /** What comes next. */
    record Next(Kind kind, JobResult.Mode mode, String approved, Instant wakeAt, String message) {
        enum Kind {
            /** Start a run in {@code mode}. */
            START,
            /** Nothing until {@code wakeAt} (null: until the resource changes). */
            WAIT,
            /** The approval annotation names no plan awaiting approval: say so in the status, start nothing. */
            REFUSE_APPROVAL
        }

        static Next start(JobResult.Mode mode, String approved) {
            return new Next(Kind.START, mode, approved, null, "");
        }
    }

    private Schedule() {
    }

    static Next next(StackSpec spec, StackStatus status, long generation, String approval, Instant now) {
        boolean manual = spec.approval() == StackSpec.Approval.MANUAL;
        if (manual && !approval.isEmpty() && !approval.equals(status.appliedFingerprint)) {
            PendingPlan plan = status.pendingPlan;
            if (plan != null && approval.equals(plan.fingerprint()) && plan.generation() == generation) {
                return Next.start(JobResult.Mode.APPLY_APPROVED, approval);
            }
            if (!approval.equals(status.refusedApproval)) {
                return new Next(Next.Kind.REFUSE_APPROVAL, null, approval, null, refusal(approval, plan, generation));
            }
        }
        JobResult.Mode reconcile = manual ? JobResult.Mode.PLAN : JobResult.Mode.APPLY;
        if (generation != status.observedGeneration || status.lastRun == null) {
            return Next.start(reconcile, "");
        }
        if (status.nextRunAt == null || !now.isBefore(status.nextRunAt)) {
            return Next.start(reconcile, "");
        }
        Instant wake = status.nextRunAt;
        // Drift is checked between reconciles of a stack whose last reconcile succeeded: a failing one is retried.
        if (!manual && spec.driftCheckInterval().isPresent() && status.failures == 0
                && status.lastAppliedSerial != null) {
            Instant check = status.nextDriftCheckAt;
            if (check == null || !now.isBefore(check)) {
                return Next.start(JobResult.Mode.DRIFT_CHECK, "");
            }
            wake = check.isBefore(wake) ? check : wake;
        }
        return new Next(Next.Kind.WAIT, null, "", wake, "");
    }

    private static String refusal(String approval, PendingPlan plan, long generation) {
        String annotation = StackCrd.APPROVE_ANNOTATION + "=" + approval;
        if (plan == null) {
            return annotation + " approves no plan: no plan is awaiting approval (it may have been applied, or"
                    + " the stack has no changes); nothing was applied";
        }
        if (plan.generation() != generation) {
            return annotation + " approves plan " + plan.fingerprint() + " of generation " + plan.generation()
                    + ", but the spec is now generation " + generation + ": a new plan is being made; approve its"
                    + " fingerprint once it is shown here";
        }
        return annotation + " is stale: the plan awaiting approval is " + plan.fingerprint() + " (" + plan.summary()
                + ", planned " + plan.plannedAt() + "); nothing was applied. Review that plan and approve it with"
                + " kubectl annotate --overwrite stack <name> " + StackCrd.APPROVE_ANNOTATION + "=" + plan.fingerprint();
    }
}
