package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.testing.FakeProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plan and apply print: exit codes, JSON, masked secrets, stack outputs. */
class PlanOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    private static Program exported(String value) {
        return stack -> {
            Ref<Map<String, Object>> a = stack.add(thing("a").set("value", value).set("size", 3));
            stack.add(thing("b").set("ref", a.output("arn")));
            stack.export("arnOfA", a.output("arn"));
            stack.export("greeting", "hello");
        };
    }

    @Test
    void detailedExitCodeIsZeroTwoOrOne() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(exported("x"), "plan", "--detailed-exitcode").exitCode()).isEqualTo(2);
        assertThat(cli.run(exported("x"), "plan").exitCode()).as("without the flag").isZero();
        assertThat(cli.run(exported("x"), "apply", "--auto-approve").exitCode()).isZero();
        assertThat(cli.run(exported("x"), "plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(cli.run(exported("y"), "plan", "--detailed-exitcode").exitCode()).isEqualTo(2);
        Program broken = stack -> stack.add(thing("a").set("value", stack.config().require("nope")));
        assertThat(cli.run(broken, "plan", "--detailed-exitcode").exitCode()).isEqualTo(1);
    }

    @Test
    void planTextShowsCreatesUnknownsAndSummary() {
        CliHarness.Run plan = new CliHarness(dir, fake).run(exported("x"), "plan");
        assertThat(plan.out()).contains("# a will be created")
                .contains("+ resource \"fake:Thing\" \"a\" {")
                .contains("+ value = \"x\"")
                .contains("+ size = 3")
                .contains("+ ref = (known after apply)")
                .contains("Plan: 2 to add, 0 to change, 0 to destroy.")
                .contains("arnOfA = (known after apply)");
    }

    @Test
    void planJsonParsesAndListsTheChanges() throws Exception {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(exported("x"), "apply", "--auto-approve").exitCode()).isZero();
        Program changed = stack -> {
            Ref<Map<String, Object>> a = stack.add(thing("a").set("value", "y").set("size", 3));
            stack.add(thing("c").set("ref", a.id()));
        };
        CliHarness.Run run = cli.run(changed, "plan", "--json");
        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode plan = JSON.readTree(run.out());
        assertThat(plan.path("format_version").asInt()).isEqualTo(1);
        assertThat(plan.path("stack").asText()).isEqualTo("dev");
        assertThat(plan.path("prior_serial").asLong()).isPositive();
        assertThat(plan.path("summary").path("add").asInt()).isEqualTo(1);
        assertThat(plan.path("summary").path("change").asInt()).isEqualTo(1);
        assertThat(plan.path("summary").path("destroy").asInt()).isEqualTo(1);
        JsonNode update = find(plan, "a");
        assertThat(update.path("action").asText()).isEqualTo("update");
        assertThat(update.path("diffs").get(0).path("path").asText()).isEqualTo("value");
        assertThat(update.path("diffs").get(0).path("before").asText()).isEqualTo("x");
        assertThat(update.path("diffs").get(0).path("after").asText()).isEqualTo("y");
        assertThat(find(plan, "c").path("action").asText()).isEqualTo("create");
        // the id of an updated resource stays known to its dependents
        assertThat(find(plan, "c").path("after").path("ref").asText()).isEqualTo("thing-1");
        assertThat(find(plan, "b").path("action").asText()).isEqualTo("delete");
        assertThat(plan.path("fingerprint").path("program").asText()).hasSize(64);
    }

    @Test
    void secretsAreMaskedInPlansAndNeverStoredInPlaintext() throws Exception {
        CliHarness cli = new CliHarness(dir, fake).environment(Map.of("CONVERGE_SECRETS_PASSPHRASE", "test-pass"));
        Program secret = stack -> {
            Ref<Map<String, Object>> a = stack.add(thing("a").set("value", Output.secret("canary-value-1"))
                    .set("password", "canary-password-2"));
            stack.export("token", a.output("value"));
            stack.export("pw", Output.secret("canary-export-3"));
        };
        CliHarness.Run plan = cli.run(secret, "plan");
        assertThat(plan.out()).contains("+ value = (sensitive)").contains("+ password = (sensitive)")
                .doesNotContain("canary");
        CliHarness.Run json = cli.run(secret, "plan", "--json");
        assertThat(JSON.readTree(json.out()).toString()).contains("(sensitive)").doesNotContain("canary");
        Path planFile = dir.resolve("secret.plan");
        assertThat(cli.run(secret, "plan", "--out", planFile.toString()).exitCode()).isZero();

        CliHarness.Run apply = cli.run(secret, "apply", planFile.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.all()).doesNotContain("canary");
        assertThat(fake.cloud().values().iterator().next().inputs())
                .containsEntry("value", "canary-value-1").containsEntry("password", "canary-password-2");
        // a second apply writes history too
        assertThat(cli.run(secret, "apply", "--auto-approve", "--replace", "a").exitCode()).isZero();
        assertThat(Things.allText(dir.resolve(".converge"))).contains("state.json").doesNotContain("canary");
        assertThat(Things.allText(dir)).doesNotContain("canary");

        CliHarness.Run show = cli.run(secret, "state", "show", "a");
        assertThat(show.out()).contains("(sensitive)").doesNotContain("canary");
        CliHarness.Run outputs = cli.run(secret, "output");
        assertThat(outputs.out()).contains("token = (sensitive)").contains("pw = (sensitive)").doesNotContain("canary");
        assertThat(cli.run(secret, "output", "--json").out()).doesNotContain("canary");
        assertThat(cli.run(secret, "output", "pw").out()).doesNotContain("canary");
    }

    @Test
    void secretsWithoutAKeyAreRefusedBeforeAnyChange() {
        CliHarness cli = new CliHarness(dir, fake);
        Program secret = stack -> stack.add(thing("a").set("password", "canary-password"));
        CliHarness.Run run = cli.run(secret, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("CONVERGE_SECRETS_PASSPHRASE");
        assertThat(Things.allText(dir)).doesNotContain("canary");
    }

    @Test
    void outputsArePrintedAfterApplyAndByTheOutputCommand() throws Exception {
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run apply = cli.run(exported("x"), "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        String arn = "arn:fake:fake:Thing:" + fake.objectsAt(dev.converge.api.Address.of("a")).get(0).id();
        assertThat(apply.out()).contains("Outputs:").contains("arnOfA = \"" + arn + "\"")
                .contains("greeting = \"hello\"");

        CliHarness.Run one = cli.run(exported("x"), "output", "arnOfA");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out().strip()).isEqualTo(arn);
        CliHarness.Run all = cli.run(exported("x"), "output");
        assertThat(all.out()).contains("arnOfA = \"" + arn + "\"").contains("greeting = \"hello\"");
        JsonNode json = JSON.readTree(cli.run(exported("x"), "output", "--json").out());
        assertThat(json.path("greeting").asText()).isEqualTo("hello");
        CliHarness.Run missing = cli.run(exported("x"), "output", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no stack output named 'nope'").contains("arnOfA");
    }

    @Test
    void noChangesSaysSo() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(exported("x"), "apply", "--auto-approve").exitCode()).isZero();
        CliHarness.Run again = cli.run(exported("x"), "apply", "--auto-approve");
        assertThat(again.out()).contains("No changes. Your infrastructure matches the configuration.");
        assertThat(Things.changes(fake)).hasSize(2);
    }

    private static JsonNode find(JsonNode plan, String address) {
        for (JsonNode change : plan.path("changes")) {
            if (change.path("address").asText().equals(address)) {
                return change;
            }
        }
        throw new AssertionError("no change for " + address + " in " + plan);
    }
}
