package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * An EC2 instance ({@code aws:Ec2Instance}) as an immutable server: a new image or user data replaces
 * it, the new instance created before the old one is terminated. Keep data on an {@link EbsVolume}
 * attached with a {@link VolumeAttachment}.
 */
public final class Ec2Instance extends ResourceArgs<Ec2Instance, Ec2Instance.Outputs> {

    /** The instance: its id ({@code id} and {@code instanceId}), addresses and zone. */
    public record Outputs(String id, String instanceId, String privateIp, String publicIp, String availabilityZone) {
    }

    private Ec2Instance(Declaration declaration) {
        super(declaration);
    }

    public static Ec2Instance of(String name) {
        return new Ec2Instance(Declaration.of(AwsSchemas.EC2_INSTANCE, name));
    }

    public Ec2Instance imageId(Object ami) {
        return with("imageId", ami);
    }

    public Ec2Instance instanceType(String type) {
        return with("instanceType", type);
    }

    public Ec2Instance subnet(Ref<Subnet.Outputs> subnet) {
        return subnetId(subnet.output(Subnet.Outputs::subnetId));
    }

    public Ec2Instance subnetId(Object id) {
        return with("subnetId", id);
    }

    public Ec2Instance securityGroup(Ref<SecurityGroup.Outputs> group) {
        return withElement("securityGroupIds", group.output(SecurityGroup.Outputs::groupId));
    }

    /** A start-up script as plain text (it is base64-encoded for EC2). */
    public Ec2Instance userData(Object script) {
        return with("userData", script);
    }

    public Ec2Instance keyName(String name) {
        return with("keyName", name);
    }

    public Ec2Instance tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected Ec2Instance wrap(Declaration next) {
        return new Ec2Instance(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "instanceId"), Out.str(values, "privateIp"),
                Out.str(values, "publicIp"), Out.str(values, "availabilityZone"));
    }
}
