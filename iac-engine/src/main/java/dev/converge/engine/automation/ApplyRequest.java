package dev.converge.engine.automation;

import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.plan.PlanOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What an apply-like operation ({@link StackEngine#apply}, {@code destroy}, {@code deploy}, {@code reconcile},
 * {@code promoteRelease}) does. Immutable; the {@code with...} methods return changed copies.
 *
 * @param options the mode and targeting of the plan (ignored for a saved plan, which brings its own)
 * @param savedPlan a plan saved by {@link PlanRequest#withSaveTo}: applied exactly, or refused when the state,
 *     configuration or program moved on since; it needs no approval
 * @param approval asked before a plan with changes is carried out; {@link Approval#automatic()} by default
 * @param pauseAt deployments of strategy-managed services stop after this step ({@code deploy --pause-at})
 * @param unpin apply even though a rollback pinned the stack and the program is unchanged
 * @param cancelled polled during the apply: once true, nothing new starts, changes in flight finish and
 *     the state is saved ({@link ApplyResult.Status#INTERRUPTED}); never true by default
 */
public record ApplyRequest(PlanOptions options, Optional<Path> savedPlan, Approval approval,
        Optional<DeploymentStep> pauseAt, boolean unpin, BooleanSupplier cancelled) {

    public ApplyRequest {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(savedPlan, "savedPlan");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(pauseAt, "pauseAt");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Apply the program, approved automatically. */
    public static ApplyRequest normal() {
        return of(PlanOptions.normal());
    }

    public static ApplyRequest of(PlanOptions options) {
        return new ApplyRequest(options, Optional.empty(), Approval.automatic(), Optional.empty(), false, () -> false);
    }

    /** Apply exactly the plan saved in {@code file}. */
    public static ApplyRequest savedPlan(Path file) {
        return new ApplyRequest(PlanOptions.normal(), Optional.of(file), Approval.automatic(), Optional.empty(), false,
                () -> false);
    }

    public ApplyRequest withApproval(Approval newApproval) {
        return new ApplyRequest(options, savedPlan, newApproval, pauseAt, unpin, cancelled);
    }

    public ApplyRequest withPauseAt(DeploymentStep step) {
        return new ApplyRequest(options, savedPlan, approval, Optional.of(step), unpin, cancelled);
    }

    public ApplyRequest withUnpin(boolean newUnpin) {
        return new ApplyRequest(options, savedPlan, approval, pauseAt, newUnpin, cancelled);
    }

    public ApplyRequest withCancellation(BooleanSupplier newCancelled) {
        return new ApplyRequest(options, savedPlan, approval, pauseAt, unpin, newCancelled);
    }
}
