package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.GenericLookup;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.ProviderConfig;
import dev.converge.api.ProviderRef;
import dev.converge.api.Ref;
import dev.converge.api.Scope;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import dev.converge.engine.plan.ReplacementReason;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named provider configurations on the fake provider: one instance per configuration with the merged settings,
 * calls dispatched to the configuration that owns each object, the configuration recorded in state, a change
 * of configuration planned as a replacement, and a removed configuration refused while objects still need it.
 */
class ProviderConfigurationTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    private StackEngine engine(Program program) {
        return Converge.engine(program).workDir(dir).providers(fake).serviceLoader(false)
                .environment(Map.of("CONVERGE_FAKE_REGION", "home", "CONVERGE_FAKE_ENDPOINT", "http://fake")).build();
    }

    private ApplyResult apply(Program program) {
        try (StackEngine engine = engine(program)) {
            return engine.apply(ApplyRequest.normal());
        }
    }

    private Plan plan(Program program) {
        try (StackEngine engine = engine(program)) {
            return engine.plan(PlanRequest.normal());
        }
    }

    /** {@code home} in the default configuration, {@code away} in the one named {@code where}. */
    private static Program twoRegions(String where) {
        return stack -> {
            ProviderRef eu = stack.provider(ProviderConfig.of("fake", "eu").set("region", "eu-west-1"));
            ProviderRef us = stack.provider(ProviderConfig.of("fake", "us").set("region", "us-east-1"));
            stack.add(thing("home").set("value", "h"));
            stack.add(thing("away").set("value", "a").provider(where.equals("eu") ? eu : us));
        };
    }

    @Test
    void eachConfigurationIsItsOwnInstanceConfiguredWithTheStackSettingsOverlaidWithItsOwn() {
        ApplyResult result = apply(twoRegions("eu"));

        assertThat(result.succeeded()).as("%s", result.failures()).isTrue();
        assertThat(fake.cloud().values()).extracting(FakeProvider.FakeObject::address).containsExactly(Address.of("home"));
        assertThat(fake.configuration("eu").cloud().values()).extracting(FakeProvider.FakeObject::address)
                .containsExactly(Address.of("away"));
        assertThat(fake.configuration("us").cloud()).as("a configuration no resource uses holds nothing").isEmpty();
        assertThat(fake.settings()).containsEntry("fake.region", "home").containsEntry("fake.endpoint", "http://fake");
        assertThat(fake.configuration("eu").settings()).containsEntry("fake.region", "eu-west-1")
                .as("a stack setting the configuration does not set still applies")
                .containsEntry("fake.endpoint", "http://fake");
        assertThat(result.state().resource(Address.of("away")).configuration()).isEqualTo("eu");
        assertThat(result.state().resource(Address.of("home")).configuration()).isEmpty();
        assertThat(new String(Things.bytes(Things.stateFile(dir, "dev")), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"configuration\":\"eu\"").containsOnlyOnce("\"configuration\"");
        assertThat(plan(twoRegions("eu")).hasChanges()).as("a second run changes nothing").isFalse();
    }

    @Test
    void aProgramWithoutConfigurationsWritesTheStateAsBeforeAndUsesOneInstance() {
        ApplyResult result = apply(stack -> stack.add(thing("only").set("value", "v")));

        assertThat(result.succeeded()).isTrue();
        assertThat(new String(Things.bytes(Things.stateFile(dir, "dev")), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("configuration").contains("\"version\": 2");
    }

    @Test
    void aComponentGivesItsResourcesItsConfigurationUnlessOneChoosesItsOwn() {
        ApplyResult result = apply(stack -> {
            ProviderRef eu = stack.provider(ProviderConfig.of("fake", "eu"));
            Scope europe = stack.component("europe", eu);
            europe.add(thing("queue"));
            europe.component("nested").add(thing("inner"));
            europe.add(thing("back-home").provider(ProviderRef.defaultOf("fake")));
        });

        assertThat(result.succeeded()).as("%s", result.failures()).isTrue();
        assertThat(fake.configuration("eu").cloud().values()).extracting(FakeProvider.FakeObject::address)
                .containsExactlyInAnyOrder(Address.of("europe", "queue"), Address.of("europe", "nested", "inner"));
        assertThat(fake.cloud().values()).extracting(FakeProvider.FakeObject::address)
                .containsExactly(Address.of("europe", "back-home"));
    }

    @Test
    void movingAResourceToAnotherConfigurationReplacesItThroughBothInstances() {
        assertThat(apply(twoRegions("eu")).succeeded()).isTrue();
        String oldId = fake.configuration("eu").objectsAt(Address.of("away")).get(0).id();
        fake.clearCalls();

        Plan plan = plan(twoRegions("us"));
        Change.Replace replace = (Change.Replace) plan.changes().stream()
                .filter(change -> change.address().equals(Address.of("away"))).findFirst().orElseThrow();
        assertThat(replace.cause()).isEqualTo(ReplacementReason.PROVIDER_CONFIGURATION_CHANGED);
        assertThat(replace.reason()).isEqualTo("provider configuration changed from fake[eu] to fake[us]");
        assertThat(PlanJson.render(plan)).contains("\"cause\" : \"provider_configuration_changed\"");

        ApplyResult moved = apply(twoRegions("us"));
        assertThat(moved.succeeded()).as("%s", moved.failures()).isTrue();
        assertThat(fake.configuration("us").calls()).extracting(FakeProvider.Call::operation).contains(Operation.CREATE);
        assertThat(fake.configuration("eu").calls()).filteredOn(call -> call.operation() == Operation.DELETE)
                .extracting(FakeProvider.Call::id).containsExactly(oldId);
        assertThat(fake.configuration("eu").cloud()).isEmpty();
        assertThat(moved.state().resource(Address.of("away")).configuration()).isEqualTo("us");
        assertThat(fake.calls()).as("the default configuration is not touched")
                .noneMatch(call -> call.operation() != Operation.READ);
    }

    @Test
    void removingAConfigurationWhoseObjectMustBeDeletedIsRefusedNamingTheResourceAndTheWayOut() {
        assertThat(apply(twoRegions("eu")).succeeded()).isTrue();
        Program withoutEu = stack -> stack.add(thing("home").set("value", "h"));

        CliHarness.Run refused = new CliHarness(dir, fake).run(withoutEu, "apply", "--auto-approve");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("away").contains("fake[eu]").contains("no longer declares")
                .contains("declare that configuration again").contains("converge state rm away");
        assertThat(fake.configuration("eu").cloud()).as("nothing was deleted").hasSize(1);
        CliHarness.Run forgotten = new CliHarness(dir, fake).run(withoutEu, "state", "rm", "away");
        assertThat(forgotten.exitCode()).as(forgotten.all()).isZero();
        assertThat(plan(withoutEu).hasChanges()).isFalse();
    }

    @Test
    void deletingThroughAConfigurationStillDeclaredWorksAndRetainOnDeleteNeedsNone() {
        assertThat(apply(stack -> {
            stack.add(thing("gone").provider(stack.provider(ProviderConfig.of("fake", "eu"))));
            stack.add(thing("kept").provider(stack.provider(ProviderConfig.of("fake", "other"))).retainOnDelete());
        }).succeeded()).isTrue();

        ApplyResult result = apply(stack -> stack.provider(ProviderConfig.of("fake", "eu")));

        assertThat(result.succeeded()).as("%s", result.failures()).isTrue();
        assertThat(fake.configuration("eu").cloud()).as("deleted through its configuration").isEmpty();
        assertThat(fake.configuration("other").cloud()).as("forgotten without a call, though 'other' is gone")
                .hasSize(1);
        assertThat(result.state().resources()).isEmpty();
    }

    @Test
    void aConfigurationOfAnotherProviderASettingKnownOnlyAfterApplyAndDuplicatesAreReportedTogether() {
        Program broken = stack -> {
            ProviderRef aws = stack.provider(ProviderConfig.of("aws", "eu"));
            stack.provider(ProviderConfig.of("fake", "eu"));
            stack.provider(ProviderConfig.of("fake", "eu"));
            stack.provider(ProviderConfig.of("fake", "bad name"));
            Ref<Map<String, Object>> first = stack.add(thing("first"));
            stack.provider(ProviderConfig.of("fake", "late").set("region", first.output("arn")));
            stack.add(thing("wrong").provider(aws));
            stack.add(thing("unknown").provider(new ProviderRef("fake", "never-declared")));
        };
        try (StackEngine engine = engine(broken)) {
            assertThatThrownBy(() -> engine.plan(PlanRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("duplicate provider configuration 'eu' of provider 'fake'")
                    .hasMessageContaining("invalid provider configuration name 'bad name'")
                    .hasMessageContaining("the setting 'fake.region' is known only after apply")
                    .hasMessageContaining("aws[eu] is one of provider 'aws', but fake:Thing is managed by provider"
                            + " 'fake'")
                    .hasMessageContaining("fake[never-declared], which this stack does not declare");
        }
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void secretAndConfigurationValuesAreSettingsAndSecretsStayOutOfStateAndPlans() {
        Program program = stack -> stack.add(thing("x").provider(stack.provider(ProviderConfig.of("fake", "eu")
                .set("token", Output.secret("s3cr3t-token")).set("region", stack.config().get("fake.region", "")))));

        ApplyResult result = apply(program);

        assertThat(result.succeeded()).isTrue();
        assertThat(fake.configuration("eu").settings()).containsEntry("fake.token", "s3cr3t-token")
                .containsEntry("fake.region", "home");
        assertThat(Things.allText(dir)).doesNotContain("s3cr3t-token");
    }

    @Test
    void refreshReadsEachObjectThroughItsOwnConfiguration() {
        assertThat(apply(twoRegions("eu")).succeeded()).isTrue();
        fake.configuration("eu").deleteOutOfBand(fake.configuration("eu").objectsAt(Address.of("away")).get(0).id());

        Plan plan = plan(twoRegions("eu"));

        assertThat(plan.drift()).extracting(drift -> drift.address().toString(), drift -> drift.deleted())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("away", true));
        assertThat(plan.changes()).filteredOn(change -> change.kind() == Change.Kind.CREATE)
                .extracting(Change::address).containsExactly(Address.of("away"));
    }

    @Test
    void aCreateWhoseOutcomeIsUnknownIsFoundThroughItsConfigurationEvenWhenAnotherConfigurationUsesTheSameId() {
        Program inDefault = stack -> stack.add(thing("x").set("value", "v"));
        Program inEu = stack -> stack.add(thing("x").set("value", "v")
                .provider(stack.provider(ProviderConfig.of("fake", "eu"))));
        assertThat(apply(inDefault).succeeded()).isTrue();
        String oldId = fake.objectsAt(Address.of("x")).get(0).id();
        fake.faults().failWhen((operation, address) -> operation == Operation.CREATE && address.equals(Address.of("x")),
                dev.converge.testing.Faults.When.AFTER, false, 1);

        ApplyResult failed = apply(inEu);

        assertThat(failed.status()).isEqualTo(ApplyResult.Status.FAILED);
        FakeProvider.FakeObject made = fake.configuration("eu").objectsAt(Address.of("x")).get(0);
        assertThat(made.id()).as("the two configurations' fakes number their ids alike").isEqualTo(oldId);
        assertThat(failed.state().resource(Address.of("x")).configuration())
                .as("the object the failed call made in eu is adopted, though the default one has its id").isEqualTo("eu");
        assertThat(failed.state().resources()).as("the old object stays deposed, to be deleted").hasSize(2);

        ApplyResult rerun = apply(inEu);
        assertThat(rerun.succeeded()).as("%s", rerun.failures()).isTrue();
        assertThat(fake.cloud()).as("the old object was deleted through the default configuration").isEmpty();
        assertThat(fake.configuration("eu").cloud()).hasSize(1);
        assertThat(plan(inEu).hasChanges()).isFalse();
    }

    /** A lookup of the thing tagged Name=main in {@code eu}, chosen directly and through a component. */
    private static final Program LOOKS_UP_IN_EU = stack -> {
        ProviderRef eu = stack.provider(ProviderConfig.of("fake", "eu"));
        var direct = stack.lookup(GenericLookup.of(FakeProvider.THING, "direct").put("tags", "Name", "main")
                .provider(eu));
        var inherited = stack.component("europe", eu)
                .lookup(GenericLookup.of(FakeProvider.THING, "inherited").put("tags", "Name", "main"));
        stack.add(thing("app").set("value", direct.output(found -> found.get("value"))).set("ref", inherited.id()));
    };

    @Test
    void aLookupAsksTheConfigurationThatItOrItsComponentChose() {
        fake.configuration("eu").putOutOfBand(new FakeProvider.FakeObject("vpc-eu", FakeProvider.THING,
                Address.of("elsewhere"), Map.of("value", "10.8.0.0/16", "tags", Map.of("Name", "main")), Map.of()));

        ApplyResult result = apply(LOOKS_UP_IN_EU);

        assertThat(result.succeeded()).as("%s", result.failures()).isTrue();
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs()).containsEntry("value", "10.8.0.0/16")
                .containsEntry("ref", "vpc-eu");
        assertThat(fake.configuration("eu").count(Operation.LOOKUP)).isGreaterThanOrEqualTo(2);
        assertThat(fake.count(Operation.LOOKUP)).as("the default configuration was not asked").isZero();
        assertThatThrownBy(() -> plan(stack -> stack.lookup(GenericLookup.of(FakeProvider.THING, "home")
                .put("tags", "Name", "main")))).as("the default configuration does not hold it")
                .hasMessageContaining("found no object");
    }
}
