package dev.converge.engine.automation;

import dev.converge.engine.plan.PlanOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link StackEngine#plan} plans. Immutable; the {@code with...} methods return changed copies.
 *
 * @param options the mode (normal, destroy) and targeting
 * @param saveTo where to save the plan for {@link ApplyRequest#savedPlan} ({@code plan --out FILE}); empty
 *     to save nothing
 */
public record PlanRequest(PlanOptions options, Optional<Path> saveTo) {

    public PlanRequest {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(saveTo, "saveTo");
    }

    /** A plan of what apply would change. */
    public static PlanRequest normal() {
        return of(PlanOptions.normal());
    }

    /** A plan that deletes every resource of the stack. */
    public static PlanRequest destroy() {
        return of(PlanOptions.destroy());
    }

    public static PlanRequest of(PlanOptions options) {
        return new PlanRequest(options, Optional.empty());
    }

    /** This request, saving the plan to {@code file}. */
    public PlanRequest withSaveTo(Path file) {
        return new PlanRequest(options, Optional.of(file));
    }
}
