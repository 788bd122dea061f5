package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Fluent assertions on a {@link Plan}, in the words of the plan output:
 * <pre>{@code
 * assertThat(plan).creates("erlbank/accounts").replaces("frontend").hasNoDeletes();
 * assertThat(plan).resource("accounts").hasProperty("image", "erlbank/accounts:1.2");
 * assertThat(plan).matchesSnapshot(Path.of("src/test/resources/plans/erlbank.txt"));
 * }</pre>
 * Failure messages list the plan's actual changes.
 */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {

    private PlanAssert(Plan plan) {
        super(plan, PlanAssert.class);
    }

    public static PlanAssert assertThat(Plan plan) {
        return new PlanAssert(plan);
    }

    /** Each address is created (not replaced). */
    public PlanAssert creates(String... addresses) {
        return hasKind(Change.Kind.CREATE, addresses);
    }

    /** Each address is updated in place. */
    public PlanAssert updates(String... addresses) {
        return hasKind(Change.Kind.UPDATE, addresses);
    }

    /** Each address is replaced (a new object in place of the old one). */
    public PlanAssert replaces(String... addresses) {
        return hasKind(Change.Kind.REPLACE, addresses);
    }

    /** Each address is deleted. */
    public PlanAssert deletes(String... addresses) {
        return hasKind(Change.Kind.DELETE, addresses);
    }

    /** Each address is read: a lookup of an object Converge does not manage, or another stack's outputs. */
    public PlanAssert reads(String... addresses) {
        return hasKind(Change.Kind.READ, addresses);
    }

    /** Each address is left as it is. */
    public PlanAssert leavesUnchanged(String... addresses) {
        return hasKind(Change.Kind.NO_OP, addresses);
    }

    public PlanAssert hasNoDeletes() {
        return hasNone(Change.Kind.DELETE, "deletes");
    }

    public PlanAssert hasNoReplacements() {
        return hasNone(Change.Kind.REPLACE, "replacements");
    }

    /** Applying the plan would change nothing (no-ops and reads only). */
    public PlanAssert hasNoChanges() {
        isNotNull();
        if (actual.hasChanges()) {
            failWithMessage("expected a plan without changes, but it has: %s%s", summary(), describe());
        }
        return this;
    }

    public PlanAssert hasChanges() {
        isNotNull();
        if (!actual.hasChanges()) {
            failWithMessage("expected a plan with changes, but it changes nothing%s", describe());
        }
        return this;
    }

    /** Exactly {@code count} changes of {@code kind}. */
    public PlanAssert hasCount(Change.Kind kind, int count) {
        isNotNull();
        long found = actual.changes().stream().filter(c -> c.kind() == kind).count();
        if (found != count) {
            failWithMessage("expected %s %s change(s) but found %s%s", count, kind, found, describe());
        }
        return this;
    }

    /** The plan covers exactly {@code count} resources (changes of any kind, no-ops included). */
    public PlanAssert hasResourceCount(int count) {
        isNotNull();
        if (actual.changes().size() != count) {
            failWithMessage("expected %s resources in the plan but found %s%s", count, actual.changes().size(),
                    describe());
        }
        return this;
    }

    /** The summary counts of the plan output: {@code N to add, N to change, N to destroy}. */
    public PlanAssert hasSummary(int add, int change, int destroy) {
        isNotNull();
        Plan.Summary s = actual.summary();
        if (s.add() != add || s.change() != change || s.destroy() != destroy) {
            failWithMessage("expected %s to add, %s to change, %s to destroy but the plan has %s%s", add, change,
                    destroy, summary(), describe());
        }
        return this;
    }

    /** Assertions on the change planned for one resource. */
    public ChangeAssert resource(String address) {
        isNotNull();
        Change change = actual.change(Address.parse(address)).orElse(null);
        if (change == null) {
            failWithMessage("expected a change for %s but the plan has none%s", address, describe());
        }
        return new ChangeAssert(this, change);
    }

    /**
     * Compares the plan's stable text form ({@link PlanSnapshot#render}) with the file: writes the file
     * when it does not exist yet (review and commit it), fails with a line diff when it differs.
     * Run with {@code -Dconverge.updateSnapshots=true} to accept a new plan.
     */
    public PlanAssert matchesSnapshot(Path file) {
        isNotNull();
        PlanSnapshot.check(actual, file).ifPresent(diff -> failWithMessage("%s", diff));
        return this;
    }

    private PlanAssert hasKind(Change.Kind kind, String... addresses) {
        isNotNull();
        for (String address : addresses) {
            Change change = actual.change(Address.parse(address)).orElse(null);
            if (change == null || change.kind() != kind) {
                failWithMessage("expected %s of %s but the plan has %s%s", kind, address,
                        change == null ? "no change for it" : change.kind(), describe());
            }
        }
        return this;
    }

    private PlanAssert hasNone(Change.Kind kind, String what) {
        isNotNull();
        List<String> found = actual.changes().stream().filter(c -> c.kind() == kind)
                .map(c -> c.address().toString()).toList();
        if (!found.isEmpty()) {
            failWithMessage("expected no %s but the plan has %s%s", what, found, describe());
        }
        return this;
    }

    private String summary() {
        Plan.Summary s = actual.summary();
        return s.add() + " to add, " + s.change() + " to change, " + s.destroy() + " to destroy";
    }

    String describe() {
        return actual.changes().stream().map(c -> "  " + c.kind() + " " + c.address() + " (" + c.type() + ")")
                .collect(Collectors.joining("\n", "\nplanned changes:\n", ""));
    }
}
