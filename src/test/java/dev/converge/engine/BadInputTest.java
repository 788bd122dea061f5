package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.testing.FakeProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems in the program or its configuration are reported together, naming the resource or key,
 * with exit code 1, before any provider call, and leave the state file byte for byte as it was.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();
    private CliHarness cli;
    private byte[] stateBefore;

    @BeforeEach
    void applyAGoodProgram() {
        cli = new CliHarness(dir, fake);
        CliHarness.Run run = cli.run(stack -> stack.add(thing("good").set("value", "g")), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        stateBefore = Things.bytes(Things.stateFile(dir, "dev"));
        fake.clearCalls();
    }

    @Test
    void dependencyCycleNamesTheWholePath() {
        Program cycle = stack -> {
            // a refers to c before c exists: the holder is filled in once c is declared
            @SuppressWarnings("unchecked")
            Ref<Map<String, Object>>[] later = new Ref[1];
            later[0] = Ref.of(Address.of("c"), FakeProvider.THING, values -> values);
            Ref<Map<String, Object>> a = stack.add(thing("a").set("ref", later[0].id()));
            Ref<Map<String, Object>> b = stack.add(thing("b").set("ref", a.id()));
            later[0] = stack.add(thing("c").set("ref", b.output("arn")));
        };
        for (String[] command : new String[][] {{"apply", "--auto-approve"}, {"plan"}, {"validate"}, {"graph"}}) {
            CliHarness.Run run = cli.run(cycle, command);
            assertRejected(run, "dependency cycle: ");
            assertThat(run.err()).containsPattern("dependency cycle: (a -> c -> b -> a|b -> a -> c -> b|c -> b -> a -> c)");
        }
    }

    @Test
    void danglingReferenceNamesTheResourceAndTheMissingTarget() {
        Program dangling = stack -> stack.add(thing("app")
                .set("ref", Ref.of(Address.of("ghost"), FakeProvider.THING, values -> values).id()));
        CliHarness.Run run = cli.run(dangling, "apply", "--auto-approve");
        assertRejected(run, "Error: app: reference to undeclared resource 'ghost'");
    }

    @Test
    void dependsOnAnUndeclaredResourceIsReported() {
        Program dangling = stack -> stack.add(thing("app")
                .dependsOn(Ref.of(Address.of("nowhere"), FakeProvider.THING, values -> values)));
        CliHarness.Run run = cli.run(dangling, "apply", "--auto-approve");
        assertRejected(run, "Error: app: reference to undeclared resource 'nowhere'");
    }

    @Test
    void duplicateNameIsReported() {
        Program duplicate = stack -> {
            stack.add(thing("twin").set("value", "1"));
            stack.add(thing("twin").set("value", "2"));
        };
        CliHarness.Run run = cli.run(duplicate, "apply", "--auto-approve");
        assertRejected(run, "Error: twin: duplicate name");
    }

    @Test
    void missingRequiredConfigKeyIsReported() {
        Program needsConfig = stack -> stack.add(thing("app").set("value", stack.config().require("app.version")));
        CliHarness.Run run = cli.run(needsConfig, "apply", "--auto-approve");
        assertRejected(run, "missing required configuration key 'app.version'");
        assertThat(run.err()).contains("converge.dev.properties").contains("CONVERGE_APP_VERSION");
    }

    @Test
    void configKeyFromTheEnvironmentSatisfiesRequire() {
        Program needsConfig = stack -> stack.add(thing("app").set("value", stack.config().require("app.version")));
        CliHarness.Run run = cli.environment(Map.of("CONVERGE_APP_VERSION", "1.2")).run(needsConfig, "apply",
                "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs()).containsEntry("value", "1.2");
    }

    @Test
    void everyProblemIsReportedTogether() {
        Program many = stack -> {
            stack.add(thing("twin"));
            stack.add(thing("twin"));
            stack.add(thing("app").set("value", stack.config().require("missing.key"))
                    .set("ref", Ref.of(Address.of("ghost"), FakeProvider.THING, values -> values).id()));
        };
        CliHarness.Run run = cli.run(many, "apply", "--auto-approve");
        assertRejected(run, "twin: duplicate name");
        assertThat(run.err()).contains("missing required configuration key 'missing.key'")
                .contains("app: reference to undeclared resource 'ghost'");
    }

    @Test
    void invalidPropertyTypeIsAValidationError() {
        Program wrongType = stack -> stack.add(thing("app").set("size", "not a number"));
        CliHarness.Run run = cli.run(wrongType, "apply", "--auto-approve");
        assertRejected(run, "app");
        assertThat(run.err()).contains("size");
    }

    @Test
    void unknownProviderIsReported() {
        Program unknown = stack -> stack.add(dev.converge.api.GenericResource.of("cloud:Bucket", "data"));
        CliHarness.Run run = cli.run(unknown, "apply", "--auto-approve");
        assertRejected(run, "Error: data: no provider named 'cloud' for type cloud:Bucket");
    }

    @Test
    void programThatThrowsIsReported() {
        Program throwing = stack -> {
            throw new IllegalStateException("boom in define");
        };
        CliHarness.Run run = cli.run(throwing, "apply", "--auto-approve");
        assertRejected(run, "the program failed while declaring resources");
        assertThat(run.err()).contains("boom in define");
    }

    private void assertRejected(CliHarness.Run run, String message) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains(message);
        assertThat(run.err()).doesNotContain("unexpected failure");
        assertThat(fake.calls()).as("provider not called").isEmpty();
        assertThat(Things.bytes(Things.stateFile(dir, "dev"))).as("state unchanged").isEqualTo(stateBefore);
        assertThat(dir.resolve(".converge/dev/lock.json")).doesNotExist();
        assertThat(fake.cloud()).hasSize(1);
    }
}
