package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.e2e.EventLines;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Faults;
import dev.converge.testing.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --json} and {@code destroy --json} through the CLI with standard output captured: every line
 * parses, the events come in a valid order, their counts match the plan and the summary, retries and failures
 * show as events, secrets stay masked, and a run that cannot be approved or planned writes one error line.
 */
class JsonEventsTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    /** db, app (uses db), cache (independent) and a secret output. */
    private static final Program SHOP = stack -> {
        Ref<Map<String, Object>> db = stack.add(thing("db").set("value", "d"));
        stack.add(thing("app").set("ref", db.id()));
        stack.add(thing("cache").set("value", "c"));
        stack.export("dbArn", db.output("arn"));
        stack.export("password", Output.secret("hunter2-canary"));
    };

    private CliHarness.Run json(Program program, String... args) {
        return new CliHarness(dir, fake).environment(Map.of("CONVERGE_SECRETS_PASSPHRASE", "json-events-test"))
                .run(program, args);
    }

    @Test
    void anApplyWritesThePlanEachResourceAndTheSummaryAsJsonLinesAndNothingElse() {
        fake.faults().fail(Operation.CREATE, Address.of("cache"), 2, true);

        CliHarness.Run run = json(SHOP, "apply", "--auto-approve", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        EventLines events = EventLines.parse(run.out()).assertValidOrder();
        JsonNode plan = events.only("plan");
        assertThat(plan.at("/summary/add").asInt()).isEqualTo(3);
        assertThat(plan.get("changes")).extracting(change -> change.get("action").asText()).containsOnly("create");
        assertThat(events.done("create")).containsExactlyInAnyOrder("db", "app", "cache")
                .hasSize(plan.at("/summary/add").asInt());
        assertThat(events.ofType("resource_retry")).extracting(retry -> retry.get("attempt").asInt())
                .containsExactly(1, 2);
        JsonNode cache = events.ofType("resource_done").stream()
                .filter(done -> done.get("address").asText().equals("cache")).findFirst().orElseThrow();
        assertThat(cache.get("retries").asInt()).isEqualTo(2);
        assertThat(cache.get("id").asText()).startsWith("thing-");
        JsonNode summary = events.last();
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("status").asText()).isEqualTo("applied");
        assertThat(summary.get("exit_code").asInt()).isZero();
        assertThat(summary.get("added").asInt()).isEqualTo(3);
        assertThat(summary.get("resources")).hasSize(3).allMatch(r -> r.get("status").asText().equals("succeeded"));
        assertThat(summary.at("/outputs/password").asText()).isEqualTo("(sensitive)");
        assertThat(summary.at("/outputs/dbArn").asText()).startsWith("arn:fake:");
        assertThat(run.out()).doesNotContain("hunter2-canary");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailedResourceIsAFailedEventItsDependentIsSkippedAndTheExitCodeIsOne() {
        fake.faults().fail(Operation.CREATE, Address.of("db"), 1, false);

        CliHarness.Run run = json(SHOP, "apply", "--auto-approve", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        EventLines events = EventLines.parse(run.out()).assertValidOrder();
        assertThat(events.ofType("resource_failed")).extracting(f -> f.get("address").asText()).containsExactly("db");
        assertThat(events.ofType("resource_failed").get(0).get("message").asText()).isNotEmpty();
        assertThat(events.ofType("resource_skipped")).extracting(s -> s.get("address").asText()).containsExactly("app");
        JsonNode summary = events.last();
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("exit_code").asInt()).isEqualTo(1);
        assertThat(summary.get("failures")).extracting(f -> f.get("address").asText()).contains("db", "app");
        assertThat(run.err()).as("the failures for people, on standard error").contains("db");
    }

    @Test
    void withoutAutoApproveOrASavedPlanItRefusesWithOneErrorLineAndChangesNothing() {
        CliHarness.Run run = json(SHOP, "apply", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        EventLines events = EventLines.parse(run.out()).assertValidOrder();
        assertThat(events.types()).containsExactly("error");
        assertThat(events.last().at("/diagnostics/0/summary").asText())
                .isEqualTo("apply --json needs --auto-approve or a saved plan");
        assertThat(run.err()).contains("--auto-approve");
        assertThat(fake.calls()).isEmpty();
        assertThat(Files.exists(Things.stateFile(dir, "dev"))).isFalse();
    }

    @Test
    void aSavedPlanNeedsNoApprovalAndAProgramThatCannotBePlannedIsAnErrorLine() {
        String planFile = dir.resolve("shop.plan").toString();
        assertThat(json(SHOP, "plan", "--out", planFile).exitCode()).isZero();
        CliHarness.Run saved = json(SHOP, "apply", "--json", planFile);
        assertThat(saved.exitCode()).as(saved.all()).isZero();
        assertThat(EventLines.parse(saved.out()).assertValidOrder().done("create")).hasSize(3);

        CliHarness.Run broken = json(stack -> stack.add(thing("x").set("value", stack.config().require("missing.key"))),
                "apply", "--auto-approve", "--json");
        assertThat(broken.exitCode()).isEqualTo(1);
        EventLines events = EventLines.parse(broken.out()).assertValidOrder();
        assertThat(events.last().get("type").asText()).isEqualTo("error");
        assertThat(events.last().at("/diagnostics/0/summary").asText()).contains("missing.key");
    }

    @Test
    void aSecondRunWithoutChangesAndADestroyAreEventStreamsToo() {
        assertThat(json(SHOP, "apply", "--auto-approve").exitCode()).isZero();

        EventLines unchanged = EventLines.parse(json(SHOP, "apply", "--auto-approve", "--json").out())
                .assertValidOrder();
        assertThat(unchanged.types()).doesNotContain("apply_start").contains("plan");
        assertThat(unchanged.last().get("status").asText()).isEqualTo("no_changes");

        CliHarness.Run destroy = json(SHOP, "destroy", "--auto-approve", "--json");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        EventLines events = EventLines.parse(destroy.out()).assertValidOrder();
        assertThat(events.only("plan").get("mode").asText()).isEqualTo("destroy");
        assertThat(events.done("delete")).containsExactlyInAnyOrder("db", "app", "cache")
                .hasSize(events.only("plan").at("/summary/destroy").asInt());
        assertThat(events.last().get("destroyed").asInt()).isEqualTo(3);
        assertThat(events.last().get("outputs").size()).isZero();
    }

    @Test
    void aFaultAfterTheChangeIsStillOneStartAndOneEnd() {
        fake.faults().failWhen((operation, address) -> operation == Operation.CREATE
                && address.equals(Address.of("cache")), Faults.When.AFTER, true, 1);

        CliHarness.Run run = json(SHOP, "apply", "--auto-approve", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        EventLines events = EventLines.parse(run.out()).assertValidOrder();
        assertThat(events.done("create")).contains("cache");
        assertThat(fake.objectsAt(Address.of("cache"))).as("the retry found what the failed call made").hasSize(1);
    }
}
