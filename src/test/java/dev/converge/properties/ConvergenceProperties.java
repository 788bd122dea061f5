package dev.converge.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.State;
import dev.converge.testing.Operation;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Convergence of fault-free runs, through the real CLI with the fake provider: (a) after apply a new
 * plan is empty and a second apply changes nothing; (b) from any stored state, built by applying
 * random earlier versions of the program, apply reaches the desired state exactly. Each property checks
 * its own statistics: the sizes, depths, replacements and renames it claims to generate really occur.
 * Raise the tries with {@code -Dconverge.fuzz.tries=N}.
 */
@AddLifecycleHook(FuzzTries.class)
class ConvergenceProperties {

    @Provide
    Arbitrary<Scenarios.Single> programs() {
        return Scenarios.Single.arbitrary();
    }

    @Provide
    Arbitrary<Scenarios.History> histories() {
        return Scenarios.History.arbitrary();
    }

    @Property(tries = 100)
    void afterApplyANewPlanIsEmptyAndASecondApplyChangesNothing(@ForAll("programs") Scenarios.Single generated) {
        ProgramSpec spec = generated.program();
        try (Sandbox box = Sandbox.create()) {
            Sandbox.Run first = box.apply(spec.program());
            assertThat(first.exitCode()).as("%s", first).isZero();
            CloudChecks.assertEmpty(box.plan(spec.program()), "right after apply");
            long changesSoFar = mutatingCalls(box);
            Sandbox.Run second = box.apply(spec.program());
            assertThat(second.exitCode()).as("%s", second).isZero();
            assertThat(second.out()).as("%s", second).contains("No changes.");
            assertThat(mutatingCalls(box)).as("provider calls that change something, in the second apply")
                    .isEqualTo(changesSoFar);
            CloudChecks.assertConverged(box, spec);
        }
        Statistics.label("things").collect(spec.size() >= 30 ? ">= 30" : "< 30");
        Statistics.label("depth").collect(spec.depth() >= 3 ? ">= 3" : "< 3");
        if (FuzzTries.checkCoverage()) {
            Statistics.label("things").coverage(check -> check.check(">= 30").percentage(p -> p >= 15));
            Statistics.label("depth").coverage(check -> check.check(">= 3").percentage(p -> p >= 30));
        }
    }

    @Property(tries = 30)
    void fromAnyStoredStateApplyReachesTheDesiredState(@ForAll("histories") Scenarios.History history) {
        ProgramSpec target = history.target();
        boolean replaced;
        boolean renamed;
        try (Sandbox box = Sandbox.create()) {
            for (ProgramSpec prior : history.priors()) {
                Sandbox.Run run = box.apply(prior.program());
                assertThat(run.exitCode()).as("applying a prior program: %s", run).isZero();
            }
            State before = box.state();
            Plan plan = box.plan(target.program());
            assertRenamesAreMoves(target, before, plan);
            Sandbox.Run run = box.apply(target.program());
            assertThat(run.exitCode()).as("%s", run).isZero();
            CloudChecks.assertConverged(box, target);
            CloudChecks.assertEmpty(box.plan(target.program()), "after reaching the target");
            assertMovesKeptTheirObjects(plan, before, box.state());
            replaced = CloudChecks.hasKind(plan, Change.Kind.REPLACE);
            renamed = CloudChecks.hasKind(plan, Change.Kind.MOVE);
        }
        Statistics.label("replaces").collect(replaced);
        Statistics.label("renames").collect(renamed);
        Statistics.label("things").collect(target.size() >= 30 ? ">= 30" : "< 30");
        if (FuzzTries.checkCoverage()) {
            Statistics.label("replaces").coverage(check -> check.check(true).percentage(p -> p >= 10));
            Statistics.label("renames").coverage(check -> check.check(true).percentage(p -> p >= 10));
        }
    }

    /** Every thing renamed with an alias whose old address is in state is planned as a move, not a create. */
    private static void assertRenamesAreMoves(ProgramSpec target, State before, Plan plan) {
        for (Thing thing : target.things()) {
            for (String alias : thing.aliases()) {
                if (before.resource(Address.parse(alias)) != null) {
                    assertThat(plan.changes()).as("plan of %s renamed from %s", thing.address(), alias)
                            .anyMatch(change -> change instanceof Change.Move move
                                    && move.from().equals(Address.parse(alias))
                                    && move.address().equals(thing.address()));
                }
            }
        }
    }

    /** A moved resource that was not also replaced is the same real object as before. */
    private static void assertMovesKeptTheirObjects(Plan plan, State before, State after) {
        for (Change change : plan.changes()) {
            if (change instanceof Change.Move move && plan.changes().stream().noneMatch(c ->
                    c.address().equals(move.address()) && c.kind() == Change.Kind.REPLACE)) {
                assertThat(after.resource(move.address()).id()).as("id of %s moved from %s", move.address(), move.from())
                        .isEqualTo(before.resource(move.from()).id());
            }
        }
    }

    static long mutatingCalls(Sandbox box) {
        return box.fake().calls().stream().filter(call -> call.operation() != Operation.READ).count();
    }
}
