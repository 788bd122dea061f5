package dev.converge.testing;

import dev.converge.engine.plan.Plan;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ready-made convergence properties, each one line in a jqwik {@code @Property}:
 * <pre>{@code
 * @Property(tries = 50)
 * void idempotent(@ForAll("variants") Variant v) { KitProperties.idempotent(KIT, v); }
 * }</pre>
 * {@code kits} supplies a fresh {@link ConvergeTest} (empty cloud) per call. Each method fails with
 * an {@link AssertionError} that says what differed, and returns the plan of the interesting step so
 * that a property can check its own statistics (that replacements really were generated).
 */
public final class KitProperties {

    private KitProperties() {
    }

    /** Apply, then the plan of the same variant is empty. Returns the first apply's plan. */
    public static Plan idempotent(Supplier<ConvergeTest> kits, Variant variant) {
        ConvergeTest kit = kits.get().withConfig(variant.config());
        ConvergeTest.Applied applied = succeeded(kit.apply(variant.program()), variant);
        Plan again = kit.plan(variant.program());
        if (again.hasChanges()) {
            throw new AssertionError("not idempotent: after applying " + variant + " the plan still has changes:\n"
                    + PlanSnapshot.render(again));
        }
        return applied.plan();
    }

    /**
     * From the state any history of applies leaves, applying {@code target} converges: the next plan
     * is empty and the cloud equals that of {@code target} applied to an empty cloud. Returns the plan
     * that led from the prior state to the target.
     */
    public static Plan converges(Supplier<ConvergeTest> kits, List<Variant> history, Variant target) {
        ConvergeTest kit = kits.get();
        for (Variant step : history) {
            succeeded(kit.withConfig(step.config()).apply(step.program()), step);
        }
        ConvergeTest.Applied applied = succeeded(kit.withConfig(target.config()).apply(target.program()), target);
        Plan after = kit.plan(target.program());
        if (after.hasChanges()) {
            throw new AssertionError("did not converge to " + target + " after " + history
                    + ": the next plan still has changes:\n" + PlanSnapshot.render(after));
        }
        ConvergeTest fresh = kits.get().withConfig(target.config());
        succeeded(fresh.apply(target.program()), target);
        sameCloud(fresh.snapshot(), kit.snapshot(), "applying " + target + " to an empty cloud",
                "applying it after " + history);
        return applied.plan();
    }

    /**
     * Apply v1, apply v2, apply v1 again: the cloud equals v1's (same objects, same inputs) and the
     * next plan is empty. Returns the plan of the rollback (v2 back to v1).
     */
    public static Plan rollbackRestores(Supplier<ConvergeTest> kits, Variant v1, Variant v2) {
        ConvergeTest kit = kits.get();
        succeeded(kit.withConfig(v1.config()).apply(v1.program()), v1);
        CloudSnapshot before = kit.snapshot();
        succeeded(kit.withConfig(v2.config()).apply(v2.program()), v2);
        ConvergeTest.Applied rollback = succeeded(kit.withConfig(v1.config()).apply(v1.program()), v1);
        sameCloud(before, kit.snapshot(), "the cloud of " + v1, "the cloud after rolling back from " + v2);
        Plan after = kit.plan(v1.program());
        if (after.hasChanges()) {
            throw new AssertionError("rollback from " + v2 + " to " + v1 + " left changes:\n"
                    + PlanSnapshot.render(after));
        }
        return rollback.plan();
    }

    private static ConvergeTest.Applied succeeded(ConvergeTest.Applied applied, Variant variant) {
        if (!applied.result().succeeded()) {
            throw new AssertionError("applying " + variant + " failed: " + applied.result().failures());
        }
        return applied;
    }

    private static void sameCloud(CloudSnapshot expected, CloudSnapshot actual, String expectedName,
            String actualName) {
        if (!expected.equals(actual)) {
            throw new AssertionError(actualName + " differs from " + expectedName + ":\n"
                    + PlanSnapshot.LineDiff.diff(lines(expected), lines(actual)));
        }
    }

    private static String lines(CloudSnapshot snapshot) {
        StringBuilder text = new StringBuilder();
        snapshot.entries().forEach((address, entry) -> text.append(address).append(' ').append(entry.type())
                .append(' ').append(entry.inputs()).append('\n'));
        return text.toString();
    }
}
