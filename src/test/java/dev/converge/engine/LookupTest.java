package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.Address;
import dev.converge.api.GenericLookup;
import dev.converge.api.Program;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.StateSession;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups (data sources) through the command line: read at every plan, usable as inputs, never created,
 * changed, deleted or stored; anything but one match stops the plan naming the lookup and its filter.
 */
class LookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    /** An object made outside Converge, as another team's VPC would be. */
    private void existing(String id, Map<String, Object> inputs) {
        fake.putOutOfBand(new FakeProvider.FakeObject(id, FakeProvider.THING, Address.of("elsewhere-" + id), inputs,
                Map.of()));
    }

    /** A lookup of the thing tagged Name=main, whose value becomes the input of a managed thing. */
    private static final Program USES_MAIN = stack -> {
        var main = stack.lookup(GenericLookup.of(FakeProvider.THING, "main").put("tags", "Name", "main"));
        stack.add(thing("app").set("value", main.output(found -> found.get("value")))
                .set("ref", main.id()));
    };

    @Test
    void aLookupIsReadAtEveryPlanAndFeedsInputsButIsNeverManaged() {
        existing("vpc-1", Map.of("value", "10.0.0.0/16", "tags", Map.of("Name", "main", "team", "net")));
        existing("vpc-2", Map.of("value", "10.1.0.0/16", "tags", Map.of("Name", "other")));
        CliHarness cli = new CliHarness(dir, fake);

        CliHarness.Run plan = cli.run(USES_MAIN, "plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains(" <= data \"fake:Thing\" \"main\" (tags.Name = \"main\"): vpc-1")
                .contains("+ value = \"10.0.0.0/16\"").contains("+ ref = \"vpc-1\"")
                .contains("Plan: 1 to add, 0 to change, 0 to destroy.");

        CliHarness.Run apply = cli.run(USES_MAIN, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs()).containsEntry("value", "10.0.0.0/16")
                .containsEntry("ref", "vpc-1");
        assertThat(new StateLoad(dir).addresses()).containsExactly("app");
        long lookups = fake.count(Operation.LOOKUP);

        existing("vpc-1", Map.of("value", "10.9.0.0/16", "tags", Map.of("Name", "main")));
        CliHarness.Run again = cli.run(USES_MAIN, "plan");
        assertThat(fake.count(Operation.LOOKUP)).as("read again, never cached").isEqualTo(lookups + 1);
        assertThat(again.out()).contains("~ value = \"10.0.0.0/16\" -> \"10.9.0.0/16\"");

        CliHarness.Run destroy = cli.run(USES_MAIN, "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(destroy.out()).contains("1 destroyed");
        assertThat(fake.cloud()).containsOnlyKeys("vpc-1", "vpc-2");
    }

    @Test
    void aLookupThatFindsNothingStopsThePlanNamingItAndItsFilter() {
        existing("vpc-2", Map.of("value", "10.1.0.0/16", "tags", Map.of("Name", "other")));
        CliHarness.Run run = new CliHarness(dir, fake).run(USES_MAIN, "apply", "--auto-approve");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Error: main: lookup fake:Thing (tags.Name = \"main\") found no object")
                .contains("never creates it");
        assertThat(fake.count(Operation.CREATE)).isZero();
        assertThat(Things.stateFile(dir, "dev")).doesNotExist();
    }

    @Test
    void aLookupThatMatchesTwoObjectsStopsThePlanNamingBoth() {
        existing("vpc-1", Map.of("value", "a", "tags", Map.of("Name", "main")));
        existing("vpc-3", Map.of("value", "b", "tags", Map.of("Name", "main")));
        CliHarness.Run run = new CliHarness(dir, fake).run(USES_MAIN, "plan");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Error: main: lookup fake:Thing (tags.Name = \"main\") matched 2 objects "
                + "(vpc-1, vpc-3)").contains("narrow the filter");
    }

    @Test
    void aLookupWhoseFilterIsKnownOnlyAfterApplyIsReadDuringApply() {
        Program deferred = stack -> {
            var made = stack.add(thing("made").set("value", "v"));
            var found = stack.lookup(GenericLookup.of(FakeProvider.THING, "found")
                    .set("arn", made.output(outputs -> outputs.get("arn"))));
            stack.add(thing("user").set("ref", found.id()));
        };
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run plan = cli.run(deferred, "plan");
        assertThat(plan.out()).contains(" <= data \"fake:Thing\" \"found\" (arn = (known after apply)): read during "
                + "apply").contains("+ ref = (known after apply)");

        CliHarness.Run apply = cli.run(deferred, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        String madeId = fake.objectsAt(Address.of("made")).get(0).id();
        assertThat(fake.objectsAt(Address.of("user")).get(0).inputs()).containsEntry("ref", madeId);
    }

    @Test
    void aDeferredLookupThatFindsNothingFailsItsDependentsOnly() {
        Program deferred = stack -> {
            var made = stack.add(thing("made").set("value", "v"));
            var found = stack.lookup(GenericLookup.of(FakeProvider.THING, "found")
                    .set("arn", made.output(outputs -> outputs.get("arn") + "-nowhere")));
            stack.add(thing("user").set("ref", found.id()));
            stack.add(thing("independent").set("value", "x"));
        };
        CliHarness.Run apply = new CliHarness(dir, fake).run(deferred, "apply", "--auto-approve");

        assertThat(apply.exitCode()).isEqualTo(1);
        String madeArn = "arn:fake:fake:Thing:" + fake.objectsAt(Address.of("made")).get(0).id();
        assertThat(apply.all()).contains("found: lookup fake:Thing (arn = \"" + madeArn + "-nowhere\") found no object")
                .contains("user: skipped because a dependency failed");
        assertThat(fake.objectsAt(Address.of("independent"))).hasSize(1);
        assertThat(fake.objectsAt(Address.of("user"))).isEmpty();
    }

    @Test
    void aSecretFoundByALookupStaysSecretInPlanStateAndOutputs() throws Exception {
        existing("db-1", Map.of("password", "canary-looked-up-9", "tags", Map.of("Name", "db")));
        Program program = stack -> {
            var db = stack.lookup(GenericLookup.of(FakeProvider.THING, "db").put("tags", "Name", "db"));
            stack.add(thing("app").set("value", db.output(found -> "postgres://app:" + found.get("password") + "@db")));
            stack.export("password", db.output("password"));
        };
        CliHarness cli = new CliHarness(dir, fake).environment(Map.of("CONVERGE_SECRETS_PASSPHRASE", "pass"));
        CliHarness.Run plan = cli.run(program, "plan");
        assertThat(plan.out()).contains("+ value = (sensitive)").doesNotContain("canary");
        JsonNode json = JSON.readTree(cli.run(program, "plan", "--json").out());
        JsonNode read = json.path("changes").get(0);
        assertThat(read.path("action").asText()).isEqualTo("read");
        assertThat(read.path("id").asText()).isEqualTo("db-1");
        assertThat(read.path("outputs").path("password").asText()).isEqualTo("(sensitive)");
        assertThat(json.toString()).doesNotContain("canary");

        CliHarness.Run apply = cli.run(program, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.all()).doesNotContain("canary");
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs())
                .containsEntry("value", "postgres://app:canary-looked-up-9@db");
        assertThat(cli.run(program, "output").out()).contains("password = (sensitive)").doesNotContain("canary");
        assertThat(Things.allText(dir)).doesNotContain("canary");
    }

    @Test
    void aSavedPlanIsRefusedWhenTheLookedUpObjectChangedSince() {
        existing("vpc-1", Map.of("value", "10.0.0.0/16", "tags", Map.of("Name", "main")));
        CliHarness cli = new CliHarness(dir, fake);
        Path file = dir.resolve("saved.plan");
        assertThat(cli.run(USES_MAIN, "plan", "--out", file.toString()).exitCode()).isZero();
        existing("vpc-1", Map.of("value", "10.7.0.0/16", "tags", Map.of("Name", "main")));

        CliHarness.Run apply = cli.run(USES_MAIN, "apply", file.toString());
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.err()).contains("is stale: the program or the real infrastructure changed");
        assertThat(fake.count(Operation.CREATE)).isZero();
    }

    @Test
    void aLookupAtTheAddressOfAManagedObjectIsRefused() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(stack -> stack.add(thing("main").set("tags", Map.of("Name", "main"))), "apply",
                "--auto-approve").exitCode()).isZero();

        CliHarness.Run run = cli.run(USES_MAIN, "apply", "--auto-approve");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("main: is declared as a lookup, but state manages a fake:Thing")
                .contains("state rm main");
        assertThat(fake.count(Operation.DELETE)).isZero();
    }

    @Test
    void validateReportsAnUnknownLookupTypeAndABadFilterWithoutReadingAnything() {
        Program bad = stack -> {
            stack.lookup(GenericLookup.of("fake:Nothing", "a"));
            stack.lookup(GenericLookup.of(FakeProvider.THING, "b").set("colour", "red"));
        };
        CliHarness.Run run = new CliHarness(dir, fake).run(bad, "validate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("a: unknown lookup type fake:Nothing").contains("looks up: fake:Thing")
                .contains("b: unknown property 'colour'");
        assertThat(fake.count(Operation.LOOKUP)).isZero();
    }

    /** The addresses in the stack's stored state. */
    private record StateLoad(Path dir) {
        java.util.List<String> addresses() {
            return StateSession.load(new LocalStateBackend(dir.resolve(".converge")), "dev", Map.of()).resources()
                    .keySet().stream().map(Address::toString).toList();
        }
    }
}
