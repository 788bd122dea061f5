package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.testing.RequiredServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Lookups against moto: a VPC, a subnet and a hosted zone made directly with the AWS SDK (as another team
 * would), found by a program that puts a security group in the VPC and a record in the zone; a lookup that
 * finds nothing or two VPCs stops the plan naming it and its filter, before anything is created.
 */
class LookupsIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String DOMAIN = "lookups.converge.test";

    private static AwsClients aws;
    private static String vpcId;
    private static String subnetId;
    private static String zoneId;

    @TempDir
    Path dir;

    private String stack;

    @BeforeAll
    static void existingNetwork() {
        Moto.reset();
        aws = Moto.clients();
        vpcId = vpc("10.42.0.0/16", "shared-main");
        subnetId = aws.ec2().createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.42.1.0/24").tagSpecifications(
                Ec2Tags.at(ResourceType.SUBNET, Map.of("tier", "app")))).subnet().subnetId();
        aws.ec2().createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.42.2.0/24").tagSpecifications(
                Ec2Tags.at(ResourceType.SUBNET, Map.of("tier", "db"))));
        zoneId = Route53ZoneHandler.shortId(aws.route53().createHostedZone(b -> b.name(DOMAIN)
                .callerReference(UUID.randomUUID().toString())).hostedZone().id());
    }

    private static String vpc(String cidr, String name) {
        return aws.ec2().createVpc(b -> b.cidrBlock(cidr).tagSpecifications(Ec2Tags.at(ResourceType.VPC,
                Map.of("Name", name, "team", "network")))).vpc().vpcId();
    }

    @AfterAll
    static void close() {
        Moto.close(aws);
    }

    @BeforeEach
    void config() throws Exception {
        stack = "lk" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(dir.resolve("converge." + stack + ".properties"), "aws.region=us-east-1\n"
                + "aws.accessKeyId=testing\naws.secretAccessKey=testing\naws.endpoint=" + Moto.endpoint() + "\n");
    }

    /** A security group in the looked-up VPC, a record in the looked-up zone, the looked-up subnet as output. */
    private Program program(String vpcName) {
        return stack -> {
            var vpc = stack.lookup(Vpc.lookup("main").tag("Name", vpcName));
            var subnet = stack.lookup(Subnet.lookup("app").vpcId(vpc.output(VpcLookup.Info::vpcId)).tag("tier", "app"));
            var zone = stack.lookup(Route53Zone.lookup(DOMAIN));
            stack.add(SecurityGroup.of("web").groupName(this.stack + "-web").vpcId(vpc.output(VpcLookup.Info::vpcId))
                    .ingress("tcp", 443, 443, "10.42.0.0/16"));
            stack.add(Route53Record.of("www").zoneId(zone.output(Route53ZoneLookup.Info::zoneId))
                    .record("www." + DOMAIN, "A", "10.42.1.10"));
            stack.export("subnet", subnet.output(SubnetLookup.Info::subnetId));
            stack.export("cidr", vpc.output(VpcLookup.Info::cidrBlock));
        };
    }

    private StackEngine engine(Program program) {
        return Converge.engine(program).stack(stack).workDir(dir).providers(List.of(new AwsProvider()))
                .serviceLoader(false).releaseLog(false).build();
    }

    @Test
    void aProgramUsesTheIdsOfObjectsItLooksUpAndNeverManagesThem() {
        Program program = program("shared-main");
        try (StackEngine engine = engine(program)) {
            Plan plan = engine.plan(PlanRequest.normal());
            Change.Read vpc = (Change.Read) plan.change(Address.of("main")).orElseThrow();
            assertThat(vpc.id()).isEqualTo(vpcId);
            assertThat(vpc.outputs()).containsEntry("cidrBlock", "10.42.0.0/16");
            assertThat(new PlanRenderer(false).render(plan))
                    .contains(" <= data \"aws:Vpc\" \"main\" (tags.Name = \"shared-main\"): " + vpcId)
                    .contains(" <= data \"aws:Subnet\" \"app\" (tags.tier = \"app\", vpcId = \"" + vpcId + "\"): "
                            + subnetId)
                    .contains(" <= data \"aws:Route53Zone\" \"" + DOMAIN + "\" (zoneName = \"" + DOMAIN + "\"): " + zoneId)
                    .contains("Plan: 2 to add, 0 to change, 0 to destroy.");

            ApplyResult applied = engine.apply(ApplyRequest.normal());
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
            assertThat(applied.outputs()).containsEntry("subnet", subnetId).containsEntry("cidr", "10.42.0.0/16");
            assertThat(applied.state().resources().keySet()).extracting(Address::toString)
                    .containsExactlyInAnyOrder("web", "www");
        }
        var group = aws.ec2().describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values(stack + "-web")))
                .securityGroups();
        assertThat(group).hasSize(1);
        assertThat(group.get(0).vpcId()).isEqualTo(vpcId);
        assertThat(aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets())
                .anyMatch(set -> set.name().startsWith("www." + DOMAIN));

        try (StackEngine engine = engine(program)) {
            assertThat(engine.apply(ApplyRequest.normal()).status()).isEqualTo(ApplyResult.Status.NO_CHANGES);
            ApplyResult destroyed = engine.destroy(ApplyRequest.normal());
            assertThat(destroyed.succeeded()).as(destroyed.failures().toString()).isTrue();
            assertThat(destroyed.destroyed()).isEqualTo(2);
        }
        assertThat(aws.ec2().describeVpcs(b -> b.vpcIds(vpcId)).vpcs()).as("the VPC is not Converge's").hasSize(1);
        assertThat(aws.ec2().describeSubnets(b -> b.subnetIds(subnetId)).subnets()).hasSize(1);
        assertThat(aws.route53().getHostedZone(b -> b.id(zoneId)).hostedZone()).isNotNull();
    }

    @Test
    void aVpcLookupThatFindsNothingStopsThePlanBeforeAnyChange() {
        try (StackEngine engine = engine(program("nowhere"))) {
            assertThatThrownBy(() -> engine.apply(ApplyRequest.normal())).isInstanceOf(ConvergeException.class)
                    .satisfies(e -> assertThat(((ConvergeException) e).diagnostics()).extracting(Diagnostic::render)
                            .anyMatch(line -> line.startsWith("Error: main: lookup aws:Vpc (tags.Name = \"nowhere\") "
                                    + "found no object")));
        }
        assertThat(aws.ec2().describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values(stack + "-web")))
                .securityGroups()).as("nothing was created").isEmpty();
    }

    @Test
    void aVpcLookupThatMatchesTwoStopsThePlanNamingBoth() {
        String first = vpc("10.50.0.0/16", "twin");
        String second = vpc("10.51.0.0/16", "twin");
        try (StackEngine engine = engine(program("twin"))) {
            assertThatThrownBy(() -> engine.plan(PlanRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("main: lookup aws:Vpc (tags.Name = \"twin\") matched 2 objects")
                    .hasMessageContaining(first).hasMessageContaining(second)
                    .hasMessageContaining("narrow the filter");
        }
    }
}
