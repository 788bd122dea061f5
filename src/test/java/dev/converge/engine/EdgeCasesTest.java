package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.ResourceOutcome;
import dev.converge.engine.automation.StackEngine;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures during deletes and replacements, timeouts, confirmation, and apply without refresh. */
class EdgeCasesTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    private static Program pair(String key) {
        return stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("db").set("key", key));
            stack.add(thing("app").set("ref", db.id()));
        };
    }

    @Test
    void failedDeleteOfADependentKeepsItsDependency() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(pair("k"), "apply", "--auto-approve").exitCode()).isZero();
        fake.faults().fail(Operation.DELETE, Address.of("app"), 1, false);

        CliHarness.Run destroy = cli.run(pair("k"), "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isEqualTo(1);
        assertThat(destroy.err()).contains("app: injected fault: delete of app failed");
        assertThat(fake.objectsAt(Address.of("db"))).as("dependency kept while its user exists").hasSize(1);
        assertThat(cli.run(pair("k"), "state", "list").out()).contains("app").contains("db");

        CliHarness.Run rerun = cli.run(pair("k"), "destroy", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void failedDependentUpdateKeepsTheDeposedObject() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(pair("k1"), "apply", "--auto-approve").exitCode()).isZero();
        String oldId = fake.objectsAt(Address.of("db")).get(0).id();
        fake.faults().fail(Operation.UPDATE, Address.of("app"), 1, false);

        CliHarness.Run run = cli.run(pair("k2"), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(fake.cloud()).as("app still uses the old db, so it stays").containsKey(oldId);

        CliHarness.Run rerun = cli.run(pair("k2"), "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(fake.cloud()).doesNotContainKey(oldId).hasSize(2);
        assertThat(cli.run(pair("k2"), "plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(cli.run(pair("k2"), "state", "list").out()).doesNotContain("deposed");
    }

    @Test
    void failedDeleteOfTheReplacedObjectIsRetriedByTheNextApply() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(pair("k1"), "apply", "--auto-approve").exitCode()).isZero();
        String oldId = fake.objectsAt(Address.of("db")).get(0).id();
        fake.faults().failWhen((op, at) -> op == Operation.DELETE && at.name().startsWith("db"),
                dev.converge.testing.Faults.When.BEFORE, false, 1);

        CliHarness.Run run = cli.run(pair("k2"), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(fake.cloud()).containsKey(oldId);

        CliHarness.Run plan = cli.run(pair("k2"), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("the leftover old object is still to delete: " + plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("deposed");
        CliHarness.Run rerun = cli.run(pair("k2"), "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(fake.cloud()).doesNotContainKey(oldId).hasSize(2);
        assertThat(cli.run(pair("k2"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void slowCreateTimesOutWithAClearMessage() {
        FakeProvider slow = FakeProvider.create().withLatency(Duration.ofSeconds(2));
        Program program = stack -> stack.add(thing("slow").timeout(Duration.ofMillis(300)));
        CliHarness.Run run = new CliHarness(dir, slow).run(program, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("slow: timed out after");
    }

    @Test
    void applyAsksForConfirmation() {
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run declined = cli.runWithInput(pair("k"), "no\n", "apply");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.out()).contains("Do you want to perform these actions?");
        assertThat(declined.err()).contains("apply cancelled: nothing was changed.");
        assertThat(fake.cloud()).isEmpty();

        CliHarness.Run accepted = cli.runWithInput(pair("k"), "yes\n", "apply");
        assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        assertThat(fake.cloud()).hasSize(2);
    }

    @Test
    void refreshFalsePlansFromStoredStateWithoutReading() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(pair("k"), "apply", "--auto-approve").exitCode()).isZero();
        fake.deleteOutOfBand(fake.objectsAt(Address.of("app")).get(0).id());
        fake.clearCalls();

        CliHarness.Run stale = cli.run(pair("k"), "plan", "--refresh=false", "--detailed-exitcode");
        assertThat(stale.exitCode()).as(stale.all()).isZero();
        assertThat(fake.count(Operation.READ)).isZero();
        CliHarness.Run fresh = cli.run(pair("k"), "plan", "--detailed-exitcode");
        assertThat(fresh.exitCode()).isEqualTo(2);
        assertThat(fresh.out()).contains("app has been deleted").contains("# app will be created");
    }

    @Test
    void cancelledApplyStartsNothingNewAndKeepsWhatWasDone() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        // Ctrl-C arrives while the first create is running: the rule only observes, it never fails a call
        fake.faults().failWhen((op, at) -> {
            cancelled.set(true);
            return false;
        }, dev.converge.testing.Faults.When.BEFORE, false, 1);
        Program three = stack -> {
            Ref<Map<String, Object>> first = stack.add(thing("first"));
            Ref<Map<String, Object>> second = stack.add(thing("second").set("ref", first.id()));
            stack.add(thing("third").set("ref", second.id()));
        };
        try (StackEngine engine = Converge.engine(three).workDir(dir).providers(fake).serviceLoader(false)
                .parallelism(1).build()) {
            ApplyResult result = engine.apply(ApplyRequest.normal().withCancellation(cancelled::get));
            assertThat(result.status()).isEqualTo(ApplyResult.Status.INTERRUPTED);
            assertThat(result.added()).isEqualTo(1);
            assertThat(result.resources()).extracting(ResourceOutcome::status).containsExactly(
                    ResourceOutcome.Status.SUCCEEDED, ResourceOutcome.Status.SKIPPED, ResourceOutcome.Status.SKIPPED);
        }
        assertThat(fake.cloud()).hasSize(1);
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(three, "state", "list").out()).contains("first  fake:Thing");
        CliHarness.Run rerun = cli.run(three, "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.out()).contains("Resources: 2 added, 0 changed, 0 destroyed.");
    }

    @Test
    void retryableDeleteAndUpdateFaultsAreRetried() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(pair("k"), "apply", "--auto-approve").exitCode()).isZero();
        fake.faults().fail(Operation.UPDATE, Address.of("app"), 2, true);
        Program changed = stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("db").set("key", "k"));
            stack.add(thing("app").set("ref", db.id()).set("value", "new"));
        };
        assertThat(cli.run(changed, "apply", "--auto-approve").exitCode()).isZero();
        fake.faults().fail(Operation.DELETE, Address.of("db"), 2, true);
        CliHarness.Run destroy = cli.run(changed, "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(fake.faults().injected()).isEqualTo(4);
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void outputsFollowAReplacement() {
        CliHarness cli = new CliHarness(dir, fake);
        Program v1 = stack -> stack.export("dbId", stack.add(thing("db").set("key", "k1")).id());
        Program v2 = stack -> stack.export("dbId", stack.add(thing("db").set("key", "k2")).id());
        assertThat(cli.run(v1, "apply", "--auto-approve").exitCode()).isZero();
        CliHarness.Run run = cli.run(v2, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        String newId = fake.objectsAt(Address.of("db")).get(0).id();
        assertThat(run.out()).contains("dbId = \"" + newId + "\"");
        assertThat(cli.run(v2, "output", "dbId").out().strip()).isEqualTo(newId);
    }
}
