package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.StackReference;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.StateSession;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stack references on the local backend, two stacks in one working directory: another stack's outputs as
 * typed inputs, its serial in the plan, secrets kept secret, clear errors for what is missing, no lock taken.
 */
class StackReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEY = Map.of("CONVERGE_SECRETS_PASSPHRASE", "shared-pass");

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    /** The network stack: a VPC-like thing, its id and size as outputs, and a secret. */
    private static Program network(String cidr) {
        return stack -> {
            var vpc = stack.add(thing("vpc").set("value", cidr).set("size", 16));
            stack.export("vpcId", vpc.id());
            stack.export("size", vpc.output(o -> o.get("size")));
            stack.export("dbPassword", Output.secret("canary-db-password-7"));
        };
    }

    /** The app stack: reads the network stack's outputs into its own resource. */
    private static final Program APP = stack -> {
        StackReference net = stack.reference("network");
        stack.add(thing("app").set("ref", net.output("vpcId")).set("size", net.output("size", Long.class))
                .set("value", net.secretOutput("dbPassword")));
        stack.export("vpc", net.output("vpcId"));
    };

    private CliHarness cli() {
        return new CliHarness(dir, fake).environment(KEY);
    }

    private String vpcId() {
        return fake.objectsAt(Address.of("vpc")).get(0).id();
    }

    @Test
    void anotherStacksOutputsAreTypedInputsAndItsSerialIsInThePlan() throws Exception {
        CliHarness cli = cli();
        assertThat(cli.run(network("10.0.0.0/16"), "apply", "--auto-approve", "--stack", "network").exitCode()).isZero();

        CliHarness.Run plan = cli.run(APP, "plan", "--stack", "app");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains(" <= stack network (serial 1)").contains("+ ref = \"" + vpcId() + "\"")
                .contains("+ size = 16").contains("+ value = (sensitive)").doesNotContain("canary");
        JsonNode read = JSON.readTree(cli.run(APP, "plan", "--json", "--stack", "app").out()).path("changes").get(0);
        assertThat(read.path("action").asText()).isEqualTo("read");
        assertThat(read.path("type").asText()).isEqualTo(StackReference.TYPE);
        assertThat(read.path("serial").asLong()).isEqualTo(1);
        assertThat(read.path("outputs").path("dbPassword").asText()).isEqualTo("(sensitive)");

        CliHarness.Run apply = cli.run(APP, "apply", "--auto-approve", "--stack", "app");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs()).containsEntry("ref", vpcId())
                .containsEntry("size", 16L).containsEntry("value", "canary-db-password-7");
        assertThat(cli.run(APP, "output", "--stack", "app").out()).contains("vpc = \"" + vpcId() + "\"");
        assertThat(Things.allText(dir)).doesNotContain("canary");
        assertThat(apply.all()).doesNotContain("canary");
    }

    @Test
    void aMissingStackOrOutputOrAWrongTypeIsAPlanningErrorNamingTheReferenceAndTheFix() {
        CliHarness cli = cli();
        CliHarness.Run noStack = cli.run(APP, "apply", "--auto-approve", "--stack", "app");
        assertThat(noStack.exitCode()).isEqualTo(1);
        assertThat(noStack.err()).contains("Error: stack:network: stack 'network' has no state in")
                .contains("apply stack 'network' first");

        Program wrongName = stack -> stack.add(thing("app").set("ref", stack.reference("network").output("vpcID")));
        assertThat(cli.run(network("10.0.0.0/16"), "apply", "--auto-approve", "--stack", "network").exitCode()).isZero();
        CliHarness.Run noOutput = cli.run(wrongName, "apply", "--auto-approve", "--stack", "app");
        assertThat(noOutput.exitCode()).isEqualTo(1);
        assertThat(noOutput.err()).contains("Error: stack:network: stack 'network' (serial 1) has no output 'vpcID'")
                .contains("it has: dbPassword, size, vpcId");

        Program wrongType = stack -> stack.add(thing("app").set("tags", stack.reference("network")
                .output("vpcId", Map.class)));
        CliHarness.Run badType = cli.run(wrongType, "apply", "--auto-approve", "--stack", "app");
        assertThat(badType.exitCode()).isEqualTo(1);
        assertThat(badType.err()).contains("Error: stack:network: output 'vpcId' of stack 'network' is a String, not "
                + "a Map; read it with output(\"vpcId\", String.class)").doesNotContain("unexpected failure");
        assertThat(fake.objectsAt(Address.of("app"))).isEmpty();
    }

    @Test
    void aStackEncryptedWithAnotherKeyIsAClearError() {
        new CliHarness(dir, fake).environment(Map.of("CONVERGE_SECRETS_PASSPHRASE", "network-only"))
                .run(network("10.0.0.0/16"), "apply", "--auto-approve", "--stack", "network");

        CliHarness.Run run = cli().run(APP, "plan", "--stack", "app");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("stack:network: cannot read the outputs of stack 'network': cannot decrypt")
                .contains("same CONVERGE_SECRETS_PASSPHRASE").doesNotContain("canary");
    }

    @Test
    void aSavedPlanIsRefusedOnceTheReferencedStackMovedOn() {
        CliHarness cli = cli();
        cli.run(network("10.0.0.0/16"), "apply", "--auto-approve", "--stack", "network");
        Path file = dir.resolve("app.plan");
        assertThat(cli.run(APP, "plan", "--out", file.toString(), "--stack", "app").exitCode()).isZero();
        assertThat(cli.run(network("10.1.0.0/16"), "apply", "--auto-approve", "--stack", "network").exitCode())
                .isZero();

        CliHarness.Run apply = cli.run(APP, "apply", file.toString(), "--stack", "app");
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.err()).contains("is stale: it read stack 'network' at serial 1, but that stack is now at "
                + "serial 2");
        assertThat(fake.objectsAt(Address.of("app"))).isEmpty();
    }

    @Test
    void readingAnotherStackNeverTakesItsLock() {
        cli().run(network("10.0.0.0/16"), "apply", "--auto-approve", "--stack", "network");
        try (StateSession held = StateSession.open(new LocalStateBackend(dir.resolve(".converge")), "network",
                new StateSession.Options("apply", Duration.ZERO, Map.of("secrets.passphrase", "shared-pass")))) {
            try (StackEngine engine = Converge.engine(APP).stack("app").workDir(dir).providers(java.util.List.of(fake))
                    .serviceLoader(false).environment(KEY).releaseLog(false).build()) {
                Plan plan = engine.plan(PlanRequest.normal());
                Change.Read read = (Change.Read) plan.change(Address.of("stack:network")).orElseThrow();
                assertThat(read.serial()).isEqualTo(1);
                assertThat(read.outputs()).containsEntry("vpcId", vpcId());
                ApplyResult result = engine.apply(ApplyRequest.normal());
                assertThat(result.succeeded()).as(result.failures().toString()).isTrue();
            }
            assertThat(held.lock()).isNotNull();
        }
        assertThat(fake.count(Operation.CREATE)).isEqualTo(2);
    }
}
