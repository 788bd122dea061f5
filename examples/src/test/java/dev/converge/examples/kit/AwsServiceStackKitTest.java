package dev.converge.examples.kit;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.plan.Plan;
import dev.converge.engine.policy.StarterPolicies;
import dev.converge.examples.aws.AwsServiceStack;
import dev.converge.providers.aws.AwsProvider;
import dev.converge.testing.ConvergeTest;
import dev.converge.testing.KitArbitraries;
import dev.converge.testing.KitProperties;
import dev.converge.testing.Variant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The AWS example with the kit: the AWS provider's schemas and diff, no moto, no account. */
class AwsServiceStackKitTest {

    static ConvergeTest kit() {
        return ConvergeTest.with(new AwsProvider()).stack("dev");
    }

    @Example
    void firstPlanCreatesTheServiceResourcesWiredByOutputs() {
        Plan plan = kit().plan(new AwsServiceStack());

        assertThat(plan).creates("uploads", "orders", "orders-dlq", "orders-queue", "order-events",
                "events-to-queue", "service-role", "service-policy", "service-access").hasNoDeletes()
                .resource("uploads").hasType("aws:S3Bucket").hasProperty("bucket", "shop-dev-uploads")
                .hasProperty("versioning", true)
                .and().resource("events-to-queue").hasUnknownProperty("topicArn");
    }

    @Example
    void theStarterPackPassesTheBucketBlocksPublicAccess() {
        ConvergeTest kit = kit().policies(StarterPolicies.all());

        assertThat(kit.violations(new AwsServiceStack())).isEmpty();
        assertThat(kit.apply(new AwsServiceStack()).result().succeeded()).isTrue();
    }

    @Example
    void renamingTheServiceReplacesNamedResourcesDeletingFirst() {
        ConvergeTest kit = kit();
        kit.apply(new AwsServiceStack());

        Plan plan = kit.config("service.name", "store").plan(new AwsServiceStack());

        assertThat(plan).replaces("uploads", "orders-queue").hasNoDeletes();
        assertThat(plan.change(dev.converge.api.Address.parse("uploads")).orElseThrow())
                .isInstanceOfSatisfying(dev.converge.engine.plan.Change.Replace.class, replace ->
                        assertThat(replace.order()).isEqualTo(dev.converge.api.ReplacementOrder.DELETE_BEFORE_CREATE));
    }

    @Provide
    Arbitrary<Variant> variants() {
        return KitArbitraries.variants(new AwsServiceStack(), KitArbitraries.configs(Map.of(),
                Map.of("service.name", Arbitraries.of("shop", "store"), "team", Arbitraries.of("platform", "payments"))));
    }

    @Property(tries = 6)
    void idempotent(@ForAll("variants") Variant variant) {
        KitProperties.idempotent(AwsServiceStackKitTest::kit, variant);
    }

    @Property(tries = 6)
    void rollbackRestoresTheAccount(@ForAll("variants") Variant v1, @ForAll("variants") Variant v2) {
        Plan rollback = KitProperties.rollbackRestores(AwsServiceStackKitTest::kit, v1, v2);
        Statistics.label("rollback replaces").collect(rollback.summary().destroy() > 0);
    }
}
