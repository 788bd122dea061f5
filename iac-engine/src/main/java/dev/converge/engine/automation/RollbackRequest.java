package dev.converge.engine.automation;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * What {@link StackEngine#rollback} restores. Immutable; the {@code with...} methods return changed copies.
 *
 * @param toSerial the state serial to restore; empty for the release before the current one
 * @param allowDataChanges allow replacing or deleting resources that hold data ({@code holdsData()})
 * @param approval asked before the rollback's plan is carried out
 * @param cancelled polled during the apply, as {@link ApplyRequest#cancelled()}
 */
public record RollbackRequest(OptionalLong toSerial, boolean allowDataChanges, Approval approval,
        BooleanSupplier cancelled) {

    public RollbackRequest {
        Objects.requireNonNull(toSerial, "toSerial");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Back to the release before the current one. */
    public static RollbackRequest toPrevious() {
        return new RollbackRequest(OptionalLong.empty(), false, Approval.automatic(), () -> false);
    }

    /** Back to state serial {@code serial}. */
    public static RollbackRequest toSerial(long serial) {
        return new RollbackRequest(OptionalLong.of(serial), false, Approval.automatic(), () -> false);
    }

    public RollbackRequest withDataChanges(boolean allow) {
        return new RollbackRequest(toSerial, allow, approval, cancelled);
    }

    public RollbackRequest withApproval(Approval newApproval) {
        return new RollbackRequest(toSerial, allowDataChanges, newApproval, cancelled);
    }

    public RollbackRequest withCancellation(BooleanSupplier newCancelled) {
        return new RollbackRequest(toSerial, allowDataChanges, approval, newCancelled);
    }
}
