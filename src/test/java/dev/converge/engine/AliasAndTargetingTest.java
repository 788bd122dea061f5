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

/** Renames through aliases move state without touching objects; --target and --exclude select changes. */
class AliasAndTargetingTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    @Test
    void aliasMovesTheResourceWithoutCreateOrDelete() {
        CliHarness cli = new CliHarness(dir, fake);
        Program before = stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("db").set("value", "v"));
            stack.add(thing("app").set("ref", db.id()));
        };
        Program after = stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("database").set("value", "v").aliases("db"));
            stack.add(thing("app").set("ref", db.id()));
        };
        assertThat(cli.run(before, "apply", "--auto-approve").exitCode()).isZero();
        String id = fake.objectsAt(Address.of("db")).get(0).id();
        fake.clearCalls();

        CliHarness.Run plan = cli.run(after, "plan");
        assertThat(plan.out()).contains("db has moved to database").contains("1 to move");
        CliHarness.Run run = cli.run(after, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Things.changes(fake)).as("no create, update or delete").isEmpty();
        CliHarness.Run list = cli.run(after, "state", "list");
        assertThat(list.out()).contains("database  fake:Thing  " + id).doesNotContain("db  ");
        assertThat(cli.run(after, "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void aliasIntoAComponentMovesTheResource() {
        CliHarness cli = new CliHarness(dir, fake);
        Program before = stack -> stack.add(thing("queue").set("value", "q"));
        Program after = stack -> stack.component("messaging").add(thing("queue").set("value", "q").aliases("queue"));
        assertThat(cli.run(before, "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run run = cli.run(after, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Things.changes(fake)).isEmpty();
        assertThat(cli.run(after, "state", "list").out()).contains("messaging/queue  fake:Thing");
        assertThat(cli.run(after, "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void renameWithoutAliasReplacesTheObject() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(stack -> stack.add(thing("old")), "apply", "--auto-approve").exitCode()).isZero();
        CliHarness.Run plan = cli.run(stack -> stack.add(thing("new")), "plan");
        assertThat(plan.out()).contains("Plan: 1 to add, 0 to change, 1 to destroy.");
    }

    /** base <- mid <- top, and an independent side resource. */
    private static Program layered(String value) {
        return stack -> {
            Ref<Map<String, Object>> base = stack.add(thing("base").set("value", value));
            Ref<Map<String, Object>> mid = stack.add(thing("mid").set("value", value).set("ref", base.id()));
            stack.add(thing("top").set("value", value).set("ref", mid.id()));
            stack.add(thing("side").set("value", value));
        };
    }

    @Test
    void targetAppliesTheTargetAndItsDependenciesOnly() {
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run run = cli.run(layered("v"), "apply", "--auto-approve", "--target", "mid");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("resource targeting is in effect");
        assertThat(created()).containsExactlyInAnyOrder("base", "mid");

        CliHarness.Run rest = cli.run(layered("v"), "plan", "--detailed-exitcode");
        assertThat(rest.exitCode()).isEqualTo(2);
        assertThat(rest.out()).contains("Plan: 2 to add, 0 to change, 0 to destroy.");
    }

    @Test
    void targetOfAnUpdateLeavesOtherUpdatesForLater() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(layered("v1"), "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run run = cli.run(layered("v2"), "apply", "--auto-approve", "--target", "side");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Things.changes(fake)).extracting(c -> c.address().toString()).containsExactly("side");
    }

    @Test
    void excludeLeavesOutTheResourceAndItsDependents() {
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run run = cli.run(layered("v"), "apply", "--auto-approve", "--exclude", "mid");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(created()).containsExactlyInAnyOrder("base", "side");
    }

    @Test
    void targetOfAComponentIncludesEverythingBelowIt() {
        CliHarness cli = new CliHarness(dir, fake);
        Program program = stack -> {
            dev.converge.api.Scope web = stack.component("web");
            web.add(thing("a"));
            web.component("inner").add(thing("b"));
            stack.add(thing("c"));
        };
        CliHarness.Run run = cli.run(program, "apply", "--auto-approve", "--target", "web");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(created()).containsExactlyInAnyOrder("web/a", "web/inner/b");
    }

    @Test
    void destroyWithTargetDeletesTheTargetAndItsDependents() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(layered("v"), "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run run = cli.run(layered("v"), "destroy", "--auto-approve", "--target", "mid");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Things.changes(fake)).extracting(c -> c.address().toString())
                .containsExactlyInAnyOrder("mid", "top");
        assertThat(fake.objectsAt(Address.of("base"))).hasSize(1);
    }

    @Test
    void destroyWithExcludeKeepsTheResourceAndItsDependencies() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(layered("v"), "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run run = cli.run(layered("v"), "destroy", "--auto-approve", "--exclude", "mid");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Things.changes(fake)).extracting(c -> c.address().toString())
                .containsExactlyInAnyOrder("top", "side");
    }

    private java.util.List<String> created() {
        return fake.calls().stream().filter(c -> c.operation() == Operation.CREATE)
                .map(c -> c.address().toString()).toList();
    }
}
