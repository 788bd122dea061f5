package dev.converge.testing;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergeTestTest {

    /** A network and two containers, the image version and memory from configuration. */
    static final Program SHOP = stack -> {
        var net = stack.add(GenericResource.of("docker:Network", "net"));
        var web = stack.component("shop");
        var api = web.add(DemoProviders.container("api", "shop/api:" + stack.config().require("api.version"))
                .set("memory", stack.config().getInt("api.memory", 256))
                .set("networks", java.util.List.of(net.output(n -> n.get("name"))))
                .put("env", "LOG_LEVEL", stack.config().get("log.level", "info")));
        web.add(DemoProviders.container("front", "shop/front:1.0")
                .put("env", "API_IP", api.output(a -> a.get("ipAddress"))));
        stack.export("apiIp", api.output(a -> a.get("ipAddress")));
    };

    private static ConvergeTest kit() {
        return ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker())).config("api.version", "1.0");
    }

    @Test
    void plansEveryCreateOfAnEmptyStackWithUnknownOutputs() {
        Plan plan = kit().plan(SHOP);

        assertThat(plan).creates("net", "shop/api", "shop/front").hasNoDeletes().hasResourceCount(3)
                .hasSummary(3, 0, 0)
                .resource("shop/api").hasType("docker:Container").hasProperty("image", "shop/api:1.0")
                .hasProperty("memory", 256).hasEntry("env", "LOG_LEVEL", "info").hasUnknownProperty("networks")
                .and().resource("shop/front").hasUnknownProperty("env");
    }

    @Test
    void applyThenPlanIsEmptyAndTheCloudHoldsDeterministicPlaceholders() {
        ConvergeTest kit = kit();
        ConvergeTest.Applied applied = kit.apply(SHOP);

        assertThat(applied.result().succeeded()).isTrue();
        assertThat(applied.result().added()).isEqualTo(3);
        assertThat(applied.resources()).containsOnlyKeys(Address.parse("net"), Address.parse("shop/api"),
                Address.parse("shop/front"));
        Object ip = applied.resource("shop/api").outputs().get("ipAddress");
        assertThat(ip).asString().matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(applied.resource("shop/front").inputs().get("env")).isEqualTo(Map.of("API_IP", ip));
        assertThat(applied.resource("shop/api").inputs().get("networks")).isEqualTo(java.util.List.of("net"));
        assertThat(applied.outputs()).containsEntry("apiIp", ip);
        assertThat(kit.plan(SHOP)).hasNoChanges();

        ConvergeTest.Applied again = kit().apply(SHOP);
        assertThat(again.resource("shop/api").outputs()).isEqualTo(applied.resource("shop/api").outputs());
    }

    @Test
    void usesTheProvidersOwnDiffForReplaceVersusUpdate() {
        ConvergeTest kit = kit();
        kit.apply(SHOP);

        assertThat(kit.config("api.memory", "512").plan(SHOP)).updates("shop/api").hasNoDeletes()
                .resource("shop/api").changesOnly("memory");
        Plan newVersion = kit.config("api.version", "2.0").plan(SHOP);
        assertThat(newVersion).replaces("shop/api").hasNoDeletes();
        ConvergeTest.Applied applied = kit.apply(SHOP);
        assertThat(applied.resource("shop/api").id()).endsWith("#2");
        assertThat(kit.cloud("docker").size()).isEqualTo(3);
    }

    @Test
    void detectsDriftMadeBehindConvergesBack() {
        ConvergeTest kit = kit();
        kit.apply(SHOP);
        kit.cloud("docker").driftProperty(Address.parse("shop/api"), "memory", 64);

        Plan plan = kit.plan(SHOP);

        assertThat(plan.drift()).hasSize(1);
        assertThat(plan).updates("shop/api").resource("shop/api").hasProperty("memory", 256);
        kit.cloud("docker").deleteOutOfBand(Address.parse("net"));
        assertThat(kit.plan(SHOP)).creates("net");
    }

    @Test
    void removedResourcesAreDeletedAndDestroyEmptiesTheCloud() {
        ConvergeTest kit = kit();
        kit.apply(SHOP);
        Program smaller = stack -> stack.add(GenericResource.of("docker:Network", "net"));

        assertThat(kit.plan(smaller)).deletes("shop/api", "shop/front").leavesUnchanged("net");
        kit.destroy(smaller);
        assertThat(kit.resources()).isEmpty();
        assertThat(kit.state().resources()).isEmpty();
    }

    @Test
    void problemsInTheProgramAreThrownTogether() {
        assertThatThrownBy(() -> ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker())).plan(SHOP))
                .isInstanceOf(ConvergeException.class).hasMessageContaining("api.version");
        Program invalid = stack -> stack.add(GenericResource.of("docker:Container", "noimage"));
        assertThatThrownBy(() -> kit().plan(invalid)).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("noimage");
    }

    @Test
    void objectsCarryOwnershipLabelsSoRecoveryCanFindThem() {
        ConvergeTest kit = kit();
        kit.apply(SHOP);

        var owned = kit.cloud("docker").findOwned(new dev.converge.spi.FindOwnedRequest("test",
                java.util.Set.of("docker:Container")));

        assertThat(owned.objects()).extracting(o -> o.address().toString())
                .containsExactlyInAnyOrder("shop/api", "shop/front");
        assertThat(kit.resources().get(Address.parse("net")).labels())
                .containsEntry(dev.converge.spi.Ownership.ADDRESS_LABEL, "net");
    }

    @Test
    void changeKindsCountedInThePlan() {
        assertThat(kit().plan(SHOP)).hasCount(Change.Kind.CREATE, 3).hasCount(Change.Kind.DELETE, 0);
    }

    /** A bucket per region: {@code logs} in the default configuration, {@code archive} in {@code where}. */
    private static Program regions(String where) {
        return stack -> {
            var eu = stack.provider(dev.converge.api.ProviderConfig.of("aws", "eu").set("region", "eu-west-1"));
            var us = stack.provider(dev.converge.api.ProviderConfig.of("aws", "us").set("region", "us-east-1"));
            stack.add(GenericResource.of("aws:S3Bucket", "logs").set("bucket", "logs"));
            stack.add(GenericResource.of("aws:S3Bucket", "archive").set("bucket", "archive")
                    .provider(where.equals("eu") ? eu : us));
        };
    }

    @Test
    void eachNamedProviderConfigurationHasItsOwnInMemoryCloudAndMovingBetweenThemReplaces() {
        ConvergeTest kit = ConvergeTest.with(InMemoryCloud.of(DemoProviders.aws()));

        ConvergeTest.Applied applied = kit.apply(regions("eu"));

        assertThat(applied.result().succeeded()).isTrue();
        assertThat(kit.cloud("aws").objects()).containsOnlyKeys(Address.parse("logs"));
        assertThat(kit.cloud("aws", "eu").objects()).containsOnlyKeys(Address.parse("archive"));
        assertThat(applied.resources()).containsOnlyKeys(Address.parse("logs"), Address.parse("archive"));
        assertThat(kit.plan(regions("eu"))).hasNoChanges();

        Plan moved = kit.plan(regions("us"));
        assertThat(moved).replaces("archive").hasSummary(1, 0, 1);
        assertThat(kit.apply(regions("us")).result().succeeded()).isTrue();
        assertThat(kit.cloud("aws", "eu").objects()).isEmpty();
        assertThat(kit.cloud("aws", "us").objects()).containsOnlyKeys(Address.parse("archive"));
    }
}
