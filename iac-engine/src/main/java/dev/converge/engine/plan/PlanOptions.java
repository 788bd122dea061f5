package dev.converge.engine.plan;

import dev.converge.api.Address;
import java.util.Set;

/**
 * How to plan.
 *
 * @param mode normal, destroy or refresh-only
 * @param targets if not empty, only these resources (or components) and what they depend on
 * @param excludes these resources (or components) and what depends on them are left out
 * @param replace resources to replace even if unchanged
 */
public record PlanOptions(Plan.Mode mode, Set<Address> targets, Set<Address> excludes, Set<Address> replace) {

    public PlanOptions {
        targets = Set.copyOf(targets);
        excludes = Set.copyOf(excludes);
        replace = Set.copyOf(replace);
    }

    public static PlanOptions normal() {
        return new PlanOptions(Plan.Mode.NORMAL, Set.of(), Set.of(), Set.of());
    }

    public static PlanOptions destroy() {
        return new PlanOptions(Plan.Mode.DESTROY, Set.of(), Set.of(), Set.of());
    }

    public boolean isTargeted() {
        return !targets.isEmpty() || !excludes.isEmpty();
    }
}
