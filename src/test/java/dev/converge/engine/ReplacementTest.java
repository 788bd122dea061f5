package dev.converge.engine;

import static dev.converge.engine.Things.call;
import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacement order, dependents moving to the new object, and the options that force replacement. */
class ReplacementTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create().withLatency(Duration.ofMillis(20));

    /** {@code db} with a forceNew key, and {@code app} that uses db's id. */
    private static Program keyed(String key, UnaryOperator<GenericResource> options) {
        return stack -> {
            Ref<Map<String, Object>> db = stack.add(options.apply(thing("db").set("key", key).set("value", "v")));
            stack.add(thing("app").set("ref", db.id()));
        };
    }

    @Test
    void forceNewChangeReplacesCreateBeforeDeleteByDefault() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(keyed("k1", r -> r), "apply", "--auto-approve").exitCode()).isZero();
        String oldId = call(fake, Operation.CREATE, "db").id();
        fake.clearCalls();

        CliHarness.Run plan = cli.run(keyed("k2", r -> r), "plan");
        assertThat(plan.out()).contains("db must be replaced (changing key forces replacement)")
                .contains("+/- resource \"fake:Thing\" \"db\"")
                .contains("~ key = \"k1\" -> \"k2\" # forces replacement")
                .contains("Plan: 1 to add, 1 to change, 1 to destroy.");

        CliHarness.Run run = cli.run(keyed("k2", r -> r), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Resources: 1 added, 1 changed, 1 destroyed.");
        FakeProvider.Call created = call(fake, Operation.CREATE, "db");
        FakeProvider.Call deleted = call(fake, Operation.DELETE, "db");
        assertThat(deleted.id()).isEqualTo(oldId);
        assertThat(created.startNanos()).as("new object created before the old one is deleted")
                .isLessThan(deleted.startNanos());
        // the dependent moves to the new object before the old one goes away
        FakeProvider.Call appUpdate = call(fake, Operation.UPDATE, "app");
        assertThat(appUpdate.endNanos()).isLessThanOrEqualTo(deleted.startNanos());
        assertDependentSeesNewId(created.id());
        assertThat(cli.run(keyed("k2", r -> r), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void deleteBeforeReplaceDeletesTheOldObjectFirst() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(keyed("k1", GenericResource::deleteBeforeReplace), "apply", "--auto-approve").exitCode())
                .isZero();
        String oldId = call(fake, Operation.CREATE, "db").id();
        fake.clearCalls();

        CliHarness.Run plan = cli.run(keyed("k2", GenericResource::deleteBeforeReplace), "plan");
        assertThat(plan.out()).contains("-/+ resource \"fake:Thing\" \"db\"");
        CliHarness.Run run = cli.run(keyed("k2", GenericResource::deleteBeforeReplace), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        FakeProvider.Call created = call(fake, Operation.CREATE, "db");
        FakeProvider.Call deleted = call(fake, Operation.DELETE, "db");
        assertThat(deleted.id()).isEqualTo(oldId);
        assertThat(deleted.endNanos()).as("old object deleted before the new one is created")
                .isLessThanOrEqualTo(created.startNanos());
        assertDependentSeesNewId(created.id());
        assertThat(fake.objectsAt(Address.of("db"))).hasSize(1);
    }

    @Test
    void replaceFlagReplacesAnUnchangedResource() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(keyed("k1", r -> r), "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run run = cli.run(keyed("k1", r -> r), "apply", "--auto-approve", "--replace", "db");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("requested with --replace");
        assertDependentSeesNewId(call(fake, Operation.CREATE, "db").id());
    }

    @Test
    void failedReplacementCreateKeepsTheOldObject() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(keyed("k1", r -> r), "apply", "--auto-approve").exitCode()).isZero();
        String oldId = call(fake, Operation.CREATE, "db").id();
        fake.faults().fail(Operation.CREATE, Address.of("db"), 1, false);

        CliHarness.Run run = cli.run(keyed("k2", r -> r), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(fake.cloud()).containsKey(oldId);
        assertThat(cli.run(keyed("k1", r -> r), "state", "list").out()).contains("db  fake:Thing  " + oldId)
                .doesNotContain("deposed");

        CliHarness.Run rerun = cli.run(keyed("k2", r -> r), "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(fake.cloud()).doesNotContainKey(oldId);
        assertThat(fake.objectsAt(Address.of("db"))).hasSize(1);
    }

    @Test
    void immutableResourceIsReplacedOnAnyChange() {
        CliHarness cli = new CliHarness(dir, fake);
        Program v1 = stack -> stack.add(thing("server").set("value", "v1").immutable());
        Program v2 = stack -> stack.add(thing("server").set("value", "v2").immutable());
        assertThat(cli.run(v1, "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run run = cli.run(v2, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("server must be replaced (the resource is immutable)");
        assertThat(fake.count(Operation.UPDATE)).isZero();
        FakeProvider.Call created = call(fake, Operation.CREATE, "server");
        FakeProvider.Call deleted = call(fake, Operation.DELETE, "server");
        assertThat(created.startNanos()).isLessThan(deleted.startNanos());
    }

    @Test
    void replaceOnChangesForcesReplacementForThatPathOnly() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(tagged("a", "1", 1), "apply", "--auto-approve").exitCode()).isZero();

        CliHarness.Run other = cli.run(tagged("a", "1", 2), "plan", "--detailed-exitcode");
        assertThat(other.out()).as(other.all()).contains("will be updated in-place").doesNotContain("replaced");

        CliHarness.Run plan = cli.run(tagged("a", "2", 1), "plan");
        assertThat(plan.out()).contains("must be replaced (changing tags.tier forces replacement)");
        fake.clearCalls();
        assertThat(cli.run(tagged("a", "2", 1), "apply", "--auto-approve").exitCode()).isZero();
        assertThat(fake.count(Operation.CREATE)).isEqualTo(1);
        assertThat(fake.count(Operation.DELETE)).isEqualTo(1);
        assertThat(fake.count(Operation.UPDATE)).isZero();
    }

    @Test
    void ignoredPropertyChangeGivesNoDiff() {
        CliHarness cli = new CliHarness(dir, fake);
        Program v1 = stack -> stack.add(thing("a").set("value", "v1").set("size", 1).ignoreChanges("value"));
        Program v2 = stack -> stack.add(thing("a").set("value", "v2").set("size", 1).ignoreChanges("value"));
        Program v3 = stack -> stack.add(thing("a").set("value", "v2").set("size", 2).ignoreChanges("value"));
        assertThat(cli.run(v1, "apply", "--auto-approve").exitCode()).isZero();

        CliHarness.Run plan = cli.run(v2, "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("No changes.");

        CliHarness.Run other = cli.run(v3, "plan", "--detailed-exitcode");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.out()).contains("~ size = 1 -> 2").doesNotContain("value");
    }

    @Test
    void ignoredPropertyDriftIsNotReverted() {
        CliHarness cli = new CliHarness(dir, fake);
        Program program = stack -> stack.add(thing("a").set("tags", Map.of("owner", "me")).ignoreChanges("tags"));
        assertThat(cli.run(program, "apply", "--auto-approve").exitCode()).isZero();
        FakeProvider.FakeObject object = fake.objectsAt(Address.of("a")).get(0);
        fake.putOutOfBand(new FakeProvider.FakeObject(object.id(), object.type(), object.address(),
                Map.of("tags", Map.of("owner", "someone else")), object.labels()));

        CliHarness.Run apply = cli.run(program, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(fake.count(Operation.UPDATE)).isZero();
        assertThat(fake.cloud().get(object.id()).inputs()).isEqualTo(Map.of("tags", Map.of("owner", "someone else")));
    }

    private static Program tagged(String name, String tier, long size) {
        return stack -> stack.add(thing(name).set("tags", Map.of("tier", tier)).set("size", size)
                .replaceOnChanges("tags.tier"));
    }

    private void assertDependentSeesNewId(String newId) {
        FakeProvider.FakeObject app = fake.objectsAt(Address.of("app")).get(0);
        assertThat(app.inputs()).containsEntry("ref", newId);
    }
}
