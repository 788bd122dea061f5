package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protected resources refuse replacement and deletion without changing anything; retainOnDelete forgets. */
class ProtectAndRetainTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();
    private CliHarness cli;
    private byte[] stateBefore;

    private static Program guarded(String key) {
        return stack -> {
            stack.add(thing("vault").set("key", key).protect());
            stack.add(thing("other").set("value", "o"));
        };
    }

    @BeforeEach
    void applyProtected() {
        cli = new CliHarness(dir, fake);
        CliHarness.Run run = cli.run(guarded("k1"), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        stateBefore = Things.bytes(Things.stateFile(dir, "dev"));
        fake.clearCalls();
    }

    @Test
    void replacingAProtectedResourceFailsAndChangesNothing() {
        CliHarness.Run run = cli.run(guarded("k2"), "apply", "--auto-approve");
        assertRefused(run, "Error: vault: cannot replace a protected resource");
    }

    @Test
    void replaceFlagOnAProtectedResourceFails() {
        CliHarness.Run run = cli.run(guarded("k1"), "apply", "--auto-approve", "--replace", "vault");
        assertRefused(run, "Error: vault: cannot replace a protected resource: requested with --replace");
    }

    @Test
    void removingAProtectedResourceFromCodeFailsAndChangesNothing() {
        Program without = stack -> stack.add(thing("other").set("value", "o"));
        CliHarness.Run run = cli.run(without, "apply", "--auto-approve");
        assertRefused(run, "Error: vault: cannot delete a protected resource (no longer declared in the program)");
    }

    @Test
    void destroyOfAProtectedResourceFailsAndChangesNothing() {
        CliHarness.Run run = cli.run(guarded("k1"), "destroy", "--auto-approve");
        assertRefused(run, "Error: vault: cannot delete a protected resource (destroy requested)");
        assertThat(fake.cloud()).hasSize(2);
    }

    @Test
    void protectionOutlivesTheCodeThatSetIt() {
        // the stored option still holds when the program drops both the resource and protect()
        Program empty = stack -> { };
        CliHarness.Run run = cli.run(empty, "destroy", "--auto-approve");
        assertRefused(run, "vault: cannot delete a protected resource");
    }

    @Test
    void unprotectingThenRemovingDeletes() {
        Program unprotected = stack -> {
            stack.add(thing("vault").set("key", "k1"));
            stack.add(thing("other").set("value", "o"));
        };
        CliHarness.Run unprotect = cli.run(unprotected, "apply", "--auto-approve");
        assertThat(unprotect.exitCode()).as(unprotect.all()).isZero();
        CliHarness.Run destroy = cli.run(unprotected, "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void retainOnDeleteForgetsWithoutDeleting() {
        Path other = dir.resolve("retained");
        CliHarness retained = new CliHarness(other, fake);
        Program keep = stack -> stack.add(thing("logs").set("value", "l").retainOnDelete());
        assertThat(retained.run(keep, "apply", "--auto-approve").exitCode()).isZero();
        String id = fake.objectsAt(Address.of("logs")).get(0).id();
        fake.clearCalls();

        CliHarness.Run plan = retained.run(stack -> { }, "plan");
        assertThat(plan.out()).contains("logs will be removed from state; the real object is retained");
        CliHarness.Run run = retained.run(stack -> { }, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fake.count(Operation.DELETE)).isZero();
        assertThat(fake.cloud()).containsKey(id);
        assertThat(retained.run(stack -> { }, "state", "list").out()).doesNotContain("logs");
    }

    @Test
    void destroyOfARetainedResourceForgetsIt() {
        Path other = dir.resolve("retained");
        CliHarness retained = new CliHarness(other, fake);
        Program keep = stack -> stack.add(thing("logs").set("value", "l").retainOnDelete());
        assertThat(retained.run(keep, "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run destroy = retained.run(keep, "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(fake.count(Operation.DELETE)).isZero();
        assertThat(fake.objectsAt(Address.of("logs"))).hasSize(1);
        assertThat(retained.run(keep, "state", "list").out()).doesNotContain("logs");
    }

    private void assertRefused(CliHarness.Run run, String message) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains(message);
        assertThat(Things.changes(fake)).as("no provider changes").isEmpty();
        assertThat(Things.bytes(Things.stateFile(dir, "dev"))).as("state unchanged").isEqualTo(stateBefore);
        assertThat(fake.cloud()).hasSize(2);
    }
}
