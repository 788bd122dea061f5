package dev.converge.providers.aws;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Program;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.plan.Plan;
import dev.converge.testing.ConvergeTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's test of a program with lookups, in memory: the kit's AWS cloud is seeded with a VPC the program
 * does not manage, and the plan uses its id; a cloud without it fails the plan as AWS would.
 */
class AwsLookupsKitTest {

    private static final Program WEB = stack -> {
        var vpc = stack.lookup(Vpc.lookup("main").tag("Name", "main"));
        stack.add(SecurityGroup.of("web").groupName("web").vpcId(vpc.output(VpcLookup.Info::vpcId))
                .ingress("tcp", 443, 443, "0.0.0.0/0"));
        stack.export("cidr", vpc.output(VpcLookup.Info::cidrBlock));
    };

    private static ConvergeTest kitWithVpcs(String... names) {
        ConvergeTest kit = ConvergeTest.with(new AwsProvider());
        for (int i = 0; i < names.length; i++) {
            String id = "vpc-0" + i;
            kit.cloud("aws").existing(AwsSchemas.VPC, id, Map.of("vpcId", id, "cidrBlock", "10." + i + ".0.0/16",
                    "tags", Map.of("Name", names[i], "team", "network")));
        }
        return kit;
    }

    @Test
    void aSeededVpcIsFoundAndItsIdFlowsIntoTheSecurityGroup() {
        ConvergeTest kit = kitWithVpcs("other", "main");
        Plan plan = kit.plan(WEB);

        assertThat(plan).reads("main").creates("web").hasSummary(1, 0, 0)
                .resource("web").hasProperty("vpcId", "vpc-01");
        ConvergeTest.Applied applied = kit.apply(WEB);
        assertThat(applied.outputs()).containsEntry("cidr", "10.1.0.0/16");
        assertThat(applied.resources()).containsOnlyKeys(dev.converge.api.Address.of("web"));
        assertThat(kit.plan(WEB)).hasNoChanges().reads("main");
    }

    @Test
    void aLookupThatFindsNothingOrTwoFailsThePlanAsAgainstAws() {
        assertThatThrownBy(() -> kitWithVpcs("other").plan(WEB)).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("main: lookup aws:Vpc (tags.Name = \"main\") found no object");
        assertThatThrownBy(() -> kitWithVpcs("main", "main").plan(WEB)).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("matched 2 objects (vpc-00, vpc-01)");
    }
}
