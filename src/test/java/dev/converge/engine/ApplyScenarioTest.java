package dev.converge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyScenarioTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    private static Program twoThings(String value) {
        return stack -> {
            Ref<Map<String, Object>> a = stack.add(GenericResource.of(FakeProvider.THING, "a").set("value", value));
            stack.add(GenericResource.of(FakeProvider.THING, "b").set("ref", a.output("arn")));
            stack.export("arnOfA", a.output("arn"));
        };
    }

    @Test
    void firstApplyCreatesSecondChangesNothing() {
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run first = cli.run(twoThings("x"), "apply", "--auto-approve");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Plan: 2 to add, 0 to change, 0 to destroy.")
                .contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
        assertThat(fake.cloud()).hasSize(2);

        CliHarness.Run second = cli.run(twoThings("x"), "apply", "--auto-approve");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("No changes.");
        assertThat(fake.count(Operation.CREATE)).isEqualTo(2);
        assertThat(cli.run(twoThings("x"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void changedValueUpdatesOnlyThatResource() {
        CliHarness cli = new CliHarness(dir, fake);
        cli.run(twoThings("x"), "apply", "--auto-approve");
        CliHarness.Run plan = cli.run(twoThings("y"), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("~ value = \"x\" -> \"y\"").contains("Plan: 0 to add, 1 to change, 0 to destroy.");
        CliHarness.Run apply = cli.run(twoThings("y"), "apply", "--auto-approve");
        assertThat(apply.out()).as(apply.all()).contains("Resources: 0 added, 1 changed, 0 destroyed.");
        assertThat(fake.count(Operation.UPDATE)).isEqualTo(1);
    }

    @Test
    void destroyRemovesEverything() {
        CliHarness cli = new CliHarness(dir, fake);
        cli.run(twoThings("x"), "apply", "--auto-approve");
        CliHarness.Run destroy = cli.run(twoThings("x"), "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(fake.cloud()).isEmpty();
        assertThat(destroy.out()).contains("Destroy complete! Resources: 0 added, 0 changed, 2 destroyed.");
    }
}
