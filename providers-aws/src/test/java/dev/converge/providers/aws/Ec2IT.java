package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.testing.RequiredServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/** VPC, subnet, security group, instance, EBS volume and attachment against moto's EC2. */
class Ec2IT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static AwsProvider provider;
    private static AwsClients aws;
    private static String vpcId;
    private static String subnetId;
    private static String zone;

    @BeforeAll
    static void network() {
        Moto.reset();
        provider = Moto.provider();
        aws = Moto.clients();
        CreateResponse vpc = provider.create(Moto.create(AwsSchemas.VPC, "vpc", Map.of("cidrBlock", "10.1.0.0/16",
                "enableDnsHostnames", true, "tags", Map.of("Name", "it"))));
        vpcId = vpc.id();
        CreateResponse subnet = provider.create(Moto.create(AwsSchemas.SUBNET, "subnet",
                Map.of("vpcId", vpcId, "cidrBlock", "10.1.1.0/24")));
        subnetId = subnet.id();
        zone = subnet.outputs().get("availabilityZone").toString();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider, aws);
    }

    private static String image() {
        return aws.ec2().describeImages(b -> b.owners("amazon")).images().get(0).imageId();
    }

    @Test
    void vpcAndSubnetReadBackAndUpdate() {
        Map<String, Object> prior = Moto.create(AwsSchemas.VPC, "vpc", Map.of("cidrBlock", "10.1.0.0/16",
                "enableDnsHostnames", true, "tags", Map.of("Name", "it"))).inputs();
        ReadResponse read = provider.read(Moto.read(AwsSchemas.VPC, "vpc", vpcId, prior, Map.of()));
        assertThat(read.inputs()).isEqualTo(prior);
        Map<String, Object> desired = Map.of("cidrBlock", "10.1.0.0/16", "tags", Map.of("Name", "renamed"));
        provider.update(Moto.update(provider, AwsSchemas.VPC, "vpc", vpcId, read.inputs(), Map.of(), desired));
        assertThat(provider.read(Moto.read(AwsSchemas.VPC, "vpc", vpcId, prior, Map.of())).inputs())
                .containsEntry("enableDnsHostnames", false).containsEntry("tags", Map.of("Name", "renamed"));

        var subnet = provider.read(Moto.read(AwsSchemas.SUBNET, "subnet", subnetId, Map.of(), Map.of()));
        assertThat(subnet.inputs()).containsEntry("vpcId", vpcId).containsEntry("cidrBlock", "10.1.1.0/24");
        var move = Moto.diff(provider, AwsSchemas.SUBNET, subnet.inputs(), Map.of("vpcId", vpcId,
                "cidrBlock", "10.1.2.0/24"));
        assertThat(move.requiresReplacement()).isTrue();
        assertThat(move.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(AwsSchemas.VPC, AwsSchemas.SUBNET)))
                .objects()).extracting(o -> o.id()).contains(vpcId, subnetId);
    }

    @Test
    void securityGroupRulesChangeInPlaceAndDriftShows() {
        String t = AwsSchemas.SECURITY_GROUP;
        Map<String, Object> https = Map.of("protocol", "tcp", "fromPort", 443L, "toPort", 443L,
                "cidrBlocks", List.of("0.0.0.0/0"));
        Map<String, Object> inputs = Map.of("groupName", "it-web", "vpcId", vpcId, "ingress", List.of(https));
        CreateResponse group = provider.create(Moto.create(t, "web", inputs));
        Map<String, Object> prior = Moto.create(t, "web", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(t, "web", group.id(), prior, group.outputs()));
        assertThat(Moto.diff(provider, t, read.inputs(), inputs).diffs()).isEmpty();

        Map<String, Object> ssh = Map.of("protocol", "tcp", "fromPort", 22L, "toPort", 22L,
                "cidrBlocks", List.of("10.0.0.0/8"));
        Map<String, Object> desired = Map.of("groupName", "it-web", "vpcId", vpcId, "ingress", List.of(ssh));
        var update = Moto.update(provider, t, "web", group.id(), read.inputs(), group.outputs(), desired);
        assertThat(update.diffs()).noneMatch(d -> d.forcesReplacement());
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(t, "web", group.id(), update.desiredInputs(), Map.of()));
        assertThat(after.inputs().get("ingress")).isEqualTo(List.of(ssh));

        aws.ec2().authorizeSecurityGroupIngress(b -> b.groupId(group.id()).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        ReadResponse drifted = provider.read(Moto.read(t, "web", group.id(), update.desiredInputs(), Map.of()));
        assertThat(Moto.diff(provider, t, drifted.inputs(), desired).hasChanges()).isTrue();
        assertThat(provider.delete(Moto.delete(t, "web", group.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(t, "web", group.id(), prior, Map.of())).exists()).isFalse();
    }

    @Test
    void immutableServerReplacementReattachesTheProtectedVolume() {
        String inst = AwsSchemas.EC2_INSTANCE;
        String ami = image();
        Map<String, Object> v1 = Map.of("imageId", ami, "subnetId", subnetId, "userData", "echo v1",
                "tags", Map.of("app", "web"));
        CreateResponse first = provider.create(Moto.create(inst, "server", v1));
        assertThat(first.outputs()).containsKey("privateIp");
        CreateResponse volume = provider.create(Moto.create(AwsSchemas.EBS_VOLUME, "data",
                Map.of("availabilityZone", first.outputs().get("availabilityZone"), "size", 10L)));
        Map<String, Object> attach1 = Map.of("volumeId", volume.id(), "instanceId", first.id(), "device", "/dev/sdf");
        CreateResponse attachment = provider.create(Moto.create(AwsSchemas.VOLUME_ATTACHMENT, "attach", attach1));
        Map<String, Object> prior = Moto.create(inst, "server", v1).inputs();
        ReadResponse read = provider.read(Moto.read(inst, "server", first.id(), prior, first.outputs()));
        assertThat(Moto.diff(provider, inst, read.inputs(), v1).diffs()).isEmpty();

        var change = Moto.diff(provider, inst, read.inputs(), Map.of("imageId", ami, "subnetId", subnetId,
                "userData", "echo v2", "tags", Map.of("app", "web")));
        assertThat(change.requiresReplacement()).isTrue();
        assertThat(change.replacementOrder()).as("create before delete").isEqualTo(ReplacementOrder.DEFAULT);
        Map<String, Object> attach2Inputs = Map.of("volumeId", volume.id(), "instanceId", "i-new", "device", "/dev/sdf");
        assertThat(Moto.diff(provider, AwsSchemas.VOLUME_ATTACHMENT, attach1, attach2Inputs).replacementOrder())
                .isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);

        // The engine's order for this plan: create the new server, move the attachment, delete the old server.
        CreateResponse second = provider.create(Moto.create(inst, "server", Map.of("imageId", ami,
                "subnetId", subnetId, "userData", "echo v2")));
        provider.delete(Moto.delete(AwsSchemas.VOLUME_ATTACHMENT, "attach", attachment.id(), Map.of()));
        Map<String, Object> attach2 = Map.of("volumeId", volume.id(), "instanceId", second.id(), "device", "/dev/sdf");
        CreateResponse moved = provider.create(Moto.create(AwsSchemas.VOLUME_ATTACHMENT, "attach", attach2));
        assertThat(provider.delete(Moto.delete(inst, "server", first.id(), Map.of())).alreadyGone()).isFalse();

        assertThat(provider.read(Moto.read(AwsSchemas.VOLUME_ATTACHMENT, "attach", moved.id(), attach2, Map.of()))
                .exists()).isTrue();
        assertThat(provider.read(Moto.read(AwsSchemas.EBS_VOLUME, "data", volume.id(), Map.of(), Map.of())).exists())
                .as("the protected volume survives").isTrue();
        var many = provider.readMany(new ReadManyRequest(inst, List.of(
                Moto.read(inst, "old", first.id(), prior, Map.of()), Moto.read(inst, "new", second.id(), Map.of(),
                        Map.of())))).results();
        assertThat(many.get(Moto.address("old")).exists()).as("terminated counts as gone").isFalse();
        assertThat(many.get(Moto.address("new")).inputs()).containsEntry("userData", "echo v2");

        var imported = provider.importResource(new ImportRequest(Moto.address("server"), inst, second.id(),
                new Ownership(Moto.STACK, Moto.address("server"))));
        assertThat(imported.inputs()).containsEntry("imageId", ami).containsEntry("subnetId", subnetId);
        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(inst, AwsSchemas.EBS_VOLUME)))
                .objects()).extracting(o -> o.id()).contains(second.id(), volume.id()).doesNotContain(first.id());
        provider.delete(Moto.delete(AwsSchemas.VOLUME_ATTACHMENT, "attach", moved.id(), Map.of()));
        provider.delete(Moto.delete(inst, "server", second.id(), Map.of()));
    }

    @Test
    void volumeGrowsInPlace() {
        String t = AwsSchemas.EBS_VOLUME;
        Map<String, Object> inputs = Map.of("availabilityZone", zone, "size", 8L, "tags", Map.of("a", "1"));
        CreateResponse volume = provider.create(Moto.create(t, "vol", inputs));
        Map<String, Object> prior = Moto.create(t, "vol", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(t, "vol", volume.id(), prior, volume.outputs()));
        assertThat(read.inputs()).isEqualTo(prior);
        Map<String, Object> bigger = Map.of("availabilityZone", zone, "size", 16L, "tags", Map.of("a", "2"));
        var update = Moto.update(provider, t, "vol", volume.id(), read.inputs(), volume.outputs(), bigger);
        assertThat(update.diffs()).noneMatch(d -> d.forcesReplacement());
        provider.update(update);
        assertThat(provider.read(Moto.read(t, "vol", volume.id(), prior, Map.of())).inputs())
                .containsEntry("size", 16L).containsEntry("tags", Map.of("a", "2"));
        assertThat(provider.delete(Moto.delete(t, "vol", volume.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.delete(Moto.delete(t, "vol", volume.id(), Map.of())).alreadyGone()).isTrue();
    }
}
