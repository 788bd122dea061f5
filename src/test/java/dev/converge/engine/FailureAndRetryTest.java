package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure stops only its dependents; retryable faults are retried, others fail at once. */
class FailureAndRetryTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    /** broken <- child <- grandchild, and an independent branch solo <- soloChild. */
    private static Program branches() {
        return stack -> {
            Ref<Map<String, Object>> broken = stack.add(thing("broken").set("value", "b"));
            Ref<Map<String, Object>> child = stack.add(thing("child").set("ref", broken.id()));
            stack.add(thing("grandchild").set("ref", child.id()));
            Ref<Map<String, Object>> solo = stack.add(thing("solo").set("value", "s"));
            stack.add(thing("soloChild").set("ref", solo.id()));
        };
    }

    @Test
    void failureStopsOnlyDependentsAndRerunConverges() {
        fake.faults().fail(Operation.CREATE, Address.of("broken"), Integer.MAX_VALUE, false);
        CliHarness cli = new CliHarness(dir, fake);

        CliHarness.Run run = cli.run(branches(), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(fake.objectsAt(Address.of("solo"))).hasSize(1);
        assertThat(fake.objectsAt(Address.of("soloChild"))).hasSize(1);
        assertThat(fake.objectsAt(Address.of("child"))).isEmpty();
        assertThat(fake.objectsAt(Address.of("grandchild"))).isEmpty();
        assertThat(Things.calls(fake, Operation.CREATE, "child")).isEmpty();
        // the summary names every failure: the broken resource and both skipped dependents
        assertThat(run.err()).contains("Error: broken: injected fault: create of broken failed")
                .contains("Error: child: skipped because a dependency failed")
                .contains("Error: grandchild: skipped because a dependency failed")
                .contains("Apply failed for 3 resource(s)")
                .contains("Resources: 2 added, 0 changed, 0 destroyed.");

        CliHarness.Run list = cli.run(branches(), "state", "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).contains("solo  ").contains("soloChild  ").doesNotContain("broken");

        fake.faults().clear();
        CliHarness.Run rerun = cli.run(branches(), "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.out()).contains("Resources: 3 added, 0 changed, 0 destroyed.");
        CliHarness.Run plan = cli.run(branches(), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(fake.cloud()).hasSize(5);
    }

    @Test
    void failedUpdateKeepsStateLoadableAndRetryConverges() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(valueProgram("v1"), "apply", "--auto-approve").exitCode()).isZero();
        fake.faults().fail(Operation.UPDATE, Address.of("a"), 1, false);

        CliHarness.Run failed = cli.run(valueProgram("v2"), "apply", "--auto-approve");
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("a: injected fault: update of a failed");

        CliHarness.Run rerun = cli.run(valueProgram("v2"), "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.out()).contains("Resources: 0 added, 1 changed, 0 destroyed.");
        assertThat(cli.run(valueProgram("v2"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void faultAfterTheChangeIsRecoveredByTheNextRun() {
        // The object is created but the call reports failure: an unknown outcome. The rerun must
        // converge without leaving a duplicate behind for good.
        fake.faults().failWhen((op, at) -> op == Operation.CREATE && at.equals(Address.of("a")),
                dev.converge.testing.Faults.When.AFTER, false, 1);
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run failed = cli.run(valueProgram("v1"), "apply", "--auto-approve");
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("a: injected fault: create of a failed after the change");
        // the object made despite the error is adopted into state, not left behind as an orphan
        String made = fake.objectsAt(Address.of("a")).get(0).id();
        assertThat(cli.run(valueProgram("v1"), "state", "list").out()).contains("a  fake:Thing  " + made);

        CliHarness.Run rerun = cli.run(valueProgram("v1"), "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(cli.run(valueProgram("v1"), "plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(cli.run(valueProgram("v1"), "state", "list").out()).contains("a  fake:Thing");
        assertThat(fake.objectsAt(Address.of("a"))).as("no orphan left behind").hasSize(1);
    }

    @Test
    void retryableFaultFailingTwiceSucceedsOnTheThirdAttempt() {
        fake.faults().fail(Operation.CREATE, Address.of("a"), 2, true);
        CliHarness cli = new CliHarness(dir, fake);

        CliHarness.Run run = cli.run(valueProgram("v1"), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fake.faults().injected()).isEqualTo(2);
        assertThat(fake.count(Operation.CREATE)).isEqualTo(1);
        assertThat(fake.objectsAt(Address.of("a"))).hasSize(1);
    }

    @Test
    void retryAfterACreateThatSucceededDespiteTheErrorMakesNoDuplicate() {
        fake.faults().failWhen((op, at) -> op == Operation.CREATE && at.equals(Address.of("a")),
                dev.converge.testing.Faults.When.AFTER, true, 1);
        CliHarness cli = new CliHarness(dir, fake);

        CliHarness.Run run = cli.run(valueProgram("v1"), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fake.objectsAt(Address.of("a"))).hasSize(1);
        String id = fake.objectsAt(Address.of("a")).get(0).id();
        assertThat(cli.run(valueProgram("v1"), "state", "list").out()).contains("a  fake:Thing  " + id);
        assertThat(cli.run(valueProgram("v1"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void nonRetryableFaultFailsAtOnce() {
        fake.faults().fail(Operation.CREATE, Address.of("a"), 5, false);
        CliHarness cli = new CliHarness(dir, fake);

        CliHarness.Run run = cli.run(valueProgram("v1"), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(fake.faults().injected()).as("attempts").isEqualTo(1);
        assertThat(run.err()).contains("a: injected fault: create of a failed").doesNotContain("attempts");
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void retryableFaultThatNeverClearsIsRetriedUntilTheResourcesTimeoutThenGivesUpWithTheAttemptCount() {
        fake.faults().fail(Operation.CREATE, Address.of("a"), Integer.MAX_VALUE, true);
        CliHarness cli = new CliHarness(dir, fake);
        Program shortTimeout = stack -> stack.add(thing("a").set("value", "v1")
                .timeouts(dev.converge.api.Timeouts.all(java.time.Duration.ofSeconds(3))));

        long start = System.nanoTime();
        CliHarness.Run run = cli.run(shortTimeout, "apply", "--auto-approve");
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(fake.faults().injected()).as("attempts with backoff from 0.1 s, jittered").isGreaterThan(3);
        assertThat(run.err()).contains("(after " + fake.faults().injected() + " attempts)");
        assertThat(run.out()).contains("a: Retrying in ").contains("(attempt 1 failed: injected fault: create of a");
        assertThat(seconds).as("gave up inside the 3 s timeout, not after a fixed number of attempts")
                .isLessThan(10);
    }

    @Test
    void aThrottledCreateWaitsForTheRetryAfterAndLowersTheConcurrency() {
        fake.faults().throttle(Operation.CREATE, Address.of("a"), 1, java.time.Duration.ofMillis(1200));
        CliHarness cli = new CliHarness(dir, fake);

        long start = System.nanoTime();
        CliHarness.Run run = cli.run(valueProgram("v1"), "apply", "--auto-approve", "--parallelism", "8");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(java.time.Duration.ofMillis(1200));
        assertThat(run.out()).contains("a: Retrying in 1.").contains("fake: throttled by the backend; at most 4 calls"
                + " at once (was 8)");
        assertThat(fake.objectsAt(Address.of("a"))).hasSize(1);
    }

    private static Program valueProgram(String value) {
        return stack -> stack.add(thing("a").set("value", value));
    }
}
