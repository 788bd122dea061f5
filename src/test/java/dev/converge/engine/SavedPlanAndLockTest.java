package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.StateSession;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans apply exactly or are refused when anything moved on; a held lock refuses apply. */
class SavedPlanAndLockTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    private static Program valued(String value) {
        return stack -> stack.add(thing("a").set("value", value));
    }

    private static Program configured() {
        return stack -> stack.add(thing("a").set("value", stack.config().require("app.value")));
    }

    @Test
    void savedPlanIsAppliedExactly() {
        CliHarness cli = new CliHarness(dir, fake);
        Path file = dir.resolve("out.plan");
        CliHarness.Run plan = cli.run(valued("v1"), "plan", "--out", file.toString());
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("Saved the plan to " + file);
        assertThat(fake.cloud()).isEmpty();

        CliHarness.Run apply = cli.run(valued("v1"), "apply", file.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
        assertThat(fake.cloud()).hasSize(1);
    }

    @Test
    void savedPlanKeepsItsTargeting() {
        CliHarness cli = new CliHarness(dir, fake);
        Program two = stack -> {
            stack.add(thing("a").set("value", "1"));
            stack.add(thing("b").set("value", "2"));
        };
        Path file = dir.resolve("targeted.plan");
        assertThat(cli.run(two, "plan", "--target", "b", "--out", file.toString()).exitCode()).isZero();
        CliHarness.Run apply = cli.run(two, "apply", file.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(fake.objectsAt(dev.converge.api.Address.of("b"))).hasSize(1);
        assertThat(fake.objectsAt(dev.converge.api.Address.of("a"))).isEmpty();
    }

    @Test
    void savedPlanIsRefusedAfterTheStateMovedOn() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(valued("v1"), "apply", "--auto-approve").exitCode()).isZero();
        Path file = dir.resolve("update.plan");
        assertThat(cli.run(valued("v2"), "plan", "--out", file.toString()).exitCode()).isZero();
        assertThat(cli.run(valued("v3"), "apply", "--auto-approve").exitCode()).isZero();
        byte[] state = Things.bytes(Things.stateFile(dir, "dev"));
        fake.clearCalls();

        CliHarness.Run apply = cli.run(valued("v2"), "apply", file.toString());
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(1);
        assertThat(apply.err()).contains("saved plan " + file + " is stale")
                .contains("make a new plan with 'plan --out " + file + "'");
        assertThat(Things.changes(fake)).isEmpty();
        assertThat(Things.bytes(Things.stateFile(dir, "dev"))).isEqualTo(state);
        assertThat(fake.objectsAt(dev.converge.api.Address.of("a")).get(0).inputs()).containsEntry("value", "v3");
    }

    @Test
    void savedPlanIsRefusedAfterAConfigChange() throws IOException {
        Path config = dir.resolve("converge.dev.properties");
        Files.writeString(config, "app.value=one\n");
        CliHarness cli = new CliHarness(dir, fake);
        Path file = dir.resolve("config.plan");
        assertThat(cli.run(configured(), "plan", "--out", file.toString()).exitCode()).isZero();
        Files.writeString(config, "app.value=two\n");

        CliHarness.Run apply = cli.run(configured(), "apply", file.toString());
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(1);
        assertThat(apply.err()).contains("is stale: the stack configuration changed");
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void savedPlanIsRefusedAfterTheProgramChanged() {
        CliHarness cli = new CliHarness(dir, fake);
        Path file = dir.resolve("program.plan");
        assertThat(cli.run(valued("v1"), "plan", "--out", file.toString()).exitCode()).isZero();

        CliHarness.Run apply = cli.run(valued("other"), "apply", file.toString());
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(1);
        assertThat(apply.err()).contains("is stale: the program or the real infrastructure changed");
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void savedPlanOfAnotherStackIsRefused() {
        CliHarness cli = new CliHarness(dir, fake);
        Path file = dir.resolve("dev.plan");
        assertThat(cli.run(valued("v1"), "plan", "--out", file.toString()).exitCode()).isZero();

        CliHarness.Run apply = cli.run(valued("v1"), "apply", "--stack", "prod", file.toString());
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(1);
        assertThat(apply.err()).contains("is for stack 'dev', not 'prod'");
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void garbagePlanFileIsRefusedClearly() throws IOException {
        Path file = dir.resolve("garbage.plan");
        Files.writeString(file, "{\"hello\": 1}");
        CliHarness.Run apply = new CliHarness(dir, fake).run(valued("v1"), "apply", file.toString());
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.err()).contains("is not a saved Converge plan");
    }

    @Test
    void applyIsRefusedWhileTheLockIsHeld() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(valued("v1"), "apply", "--auto-approve").exitCode()).isZero();
        byte[] state = Things.bytes(Things.stateFile(dir, "dev"));
        fake.clearCalls();

        try (StateSession held = lock()) {
            CliHarness.Run apply = cli.run(valued("v2"), "apply", "--auto-approve");
            assertThat(apply.exitCode()).as(apply.all()).isEqualTo(1);
            assertThat(apply.err()).contains("is locked")
                    .contains("user " + held.lock().user())
                    .contains(held.lock().host())
                    .contains("pid " + held.lock().pid())
                    .contains(held.lock().id());
            assertThat(Things.changes(fake)).isEmpty();
            assertThat(Things.bytes(Things.stateFile(dir, "dev"))).isEqualTo(state);

            assertThat(cli.run(valued("v2"), "destroy", "--auto-approve").exitCode()).isEqualTo(1);
            assertThat(cli.run(valued("v2"), "state", "rm", "a").exitCode()).isEqualTo(1);
            // reading commands do not need the lock
            assertThat(cli.run(valued("v2"), "plan").exitCode()).isZero();
        }
        CliHarness.Run after = cli.run(valued("v2"), "apply", "--auto-approve");
        assertThat(after.exitCode()).as(after.all()).isZero();
        assertThat(fake.count(Operation.UPDATE)).isEqualTo(1);
    }

    @Test
    void lockTimeoutWaitsForTheHolder() throws Exception {
        CliHarness cli = new CliHarness(dir, fake);
        StateSession held = lock();
        Thread releaser = new Thread(() -> {
            sleep(Duration.ofMillis(700));
            held.close();
        });
        releaser.start();
        CliHarness.Run apply = cli.run(valued("v1"), "apply", "--auto-approve", "--lock-timeout", "20s");
        releaser.join();
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(fake.cloud()).hasSize(1);
    }

    @Test
    void forceUnlockRemovesALeftoverLock() {
        CliHarness cli = new CliHarness(dir, fake);
        StateSession leftover = lock();
        String id = leftover.lock().id();

        CliHarness.Run wrong = cli.run(valued("v1"), "force-unlock", "not-the-id");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("no lock with id not-the-id");
        CliHarness.Run unlock = cli.run(valued("v1"), "force-unlock", id);
        assertThat(unlock.exitCode()).as(unlock.all()).isZero();
        assertThat(cli.run(valued("v1"), "apply", "--auto-approve").exitCode()).isZero();
        leftover.close();
    }

    /** The stack's lock, held as another run would hold it. */
    private StateSession lock() {
        return StateSession.open(new LocalStateBackend(dir.resolve(".converge")), "dev",
                new StateSession.Options("apply", Duration.ZERO, Map.of()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
