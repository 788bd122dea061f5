package dev.converge.providers.aws;

import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import java.util.List;

/**
 * The pure schemas of the EC2 resource types (network, instances, volumes); part of {@link AwsSchemas}.
 *
 * <p>Security group rules are maps {@code {protocol, fromPort, toPort, cidrBlocks}} with protocol
 * {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all).
 */
final class Ec2Schemas {

    static final String VPC = "aws:Vpc";
    static final String SUBNET = "aws:Subnet";
    static final String SECURITY_GROUP = "aws:SecurityGroup";
    static final String INSTANCE = "aws:Ec2Instance";
    static final String VOLUME = "aws:EbsVolume";
    static final String VOLUME_ATTACHMENT = "aws:VolumeAttachment";

    private Ec2Schemas() {
    }

    static List<ResourceSchema> all() {
        return List.of(vpc(), subnet(), securityGroup(), instance(), volume(), volumeAttachment());
    }

    private static PropertySchema tags() {
        return PropertySchema.map("tags").describedAs("tags; the converge.* ownership tags are added and hidden");
    }

    static ResourceSchema vpc() {
        return ResourceSchema.builder(VPC)
                .property(PropertySchema.string("cidrBlock").asRequired().asForceNew())
                .property(PropertySchema.bool("enableDnsSupport").defaultValue(true))
                .property(PropertySchema.bool("enableDnsHostnames").defaultValue(false))
                .property(tags())
                .property(PropertySchema.string("vpcId").asComputed())
                .output("vpcId")
                .build();
    }

    static ResourceSchema subnet() {
        return ResourceSchema.builder(SUBNET)
                .property(PropertySchema.string("vpcId").asRequired().asForceNew())
                .property(PropertySchema.string("cidrBlock").asRequired().asForceNew())
                .property(PropertySchema.string("availabilityZone").asForceNew().asComputed())
                .property(PropertySchema.bool("mapPublicIpOnLaunch").defaultValue(false))
                .property(tags())
                .property(PropertySchema.string("subnetId").asComputed())
                .output("subnetId")
                .build();
    }

    static ResourceSchema securityGroup() {
        return ResourceSchema.builder(SECURITY_GROUP)
                .property(PropertySchema.string("groupName").asRequired().asForceNew())
                .property(PropertySchema.string("description").asForceNew().defaultValue("Managed by Converge"))
                .property(PropertySchema.string("vpcId").asForceNew())
                .property(PropertySchema.list("ingress").describedAs("rules: protocol, fromPort, toPort, cidrBlocks"))
                .property(PropertySchema.list("egress").asComputed()
                        .describedAs("rules; AWS adds allow-all when left out"))
                .property(tags())
                .property(PropertySchema.string("groupId").asComputed())
                .output("groupId")
                .build();
    }

    static ResourceSchema instance() {
        return ResourceSchema.builder(INSTANCE)
                .property(PropertySchema.string("imageId").asRequired().asForceNew())
                .property(PropertySchema.string("instanceType").asForceNew().defaultValue("t3.micro"))
                .property(PropertySchema.string("subnetId").asForceNew())
                .property(PropertySchema.list("securityGroupIds"))
                .property(PropertySchema.string("userData").asForceNew().describedAs("plain text; base64 is applied"))
                .property(PropertySchema.string("keyName").asForceNew())
                .property(tags())
                .property(PropertySchema.string("instanceId").asComputed())
                .property(PropertySchema.string("privateIp").asComputed())
                .property(PropertySchema.string("publicIp").asComputed())
                .property(PropertySchema.string("availabilityZone").asComputed())
                .output("instanceId")
                .output("privateIp")
                .output("publicIp")
                .output("availabilityZone")
                .build();
    }

    static ResourceSchema volume() {
        return ResourceSchema.builder(VOLUME)
                .property(PropertySchema.string("availabilityZone").asRequired().asForceNew())
                .property(PropertySchema.number("size").asRequired().describedAs("GiB; can only grow in place"))
                .property(PropertySchema.string("volumeType").defaultValue("gp3"))
                .property(tags())
                .property(PropertySchema.string("volumeId").asComputed())
                .output("volumeId")
                .build();
    }

    static ResourceSchema volumeAttachment() {
        return ResourceSchema.builder(VOLUME_ATTACHMENT)
                .property(PropertySchema.string("volumeId").asRequired().asForceNew())
                .property(PropertySchema.string("instanceId").asRequired().asForceNew())
                .property(PropertySchema.string("device").asRequired().asForceNew().describedAs("such as /dev/sdf"))
                .build();
    }
}
