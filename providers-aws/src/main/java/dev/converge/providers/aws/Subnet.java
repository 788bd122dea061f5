package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/** A subnet of a VPC ({@code aws:Subnet}). */
public final class Subnet extends ResourceArgs<Subnet, Subnet.Outputs> {

    /** The subnet: its id ({@code id} and {@code subnetId}) and availability zone. */
    public record Outputs(String id, String subnetId, String availabilityZone, String cidrBlock) {
    }

    private Subnet(Declaration declaration) {
        super(declaration);
    }

    public static Subnet of(String name) {
        return new Subnet(Declaration.of(AwsSchemas.SUBNET, name));
    }

    /**
     * A lookup of an existing subnet that Converge does not manage, named {@code name} in the program:
     * {@code stack.lookup(Subnet.lookup("app").tag("tier", "app"))}.
     */
    public static SubnetLookup lookup(String name) {
        return SubnetLookup.create(name);
    }

    public Subnet vpc(Ref<Vpc.Outputs> vpc) {
        return vpcId(vpc.output(Vpc.Outputs::vpcId));
    }

    public Subnet vpcId(Object id) {
        return with("vpcId", id);
    }

    public Subnet cidrBlock(String cidr) {
        return with("cidrBlock", cidr);
    }

    public Subnet availabilityZone(String zone) {
        return with("availabilityZone", zone);
    }

    public Subnet mapPublicIpOnLaunch(boolean map) {
        return with("mapPublicIpOnLaunch", map);
    }

    public Subnet tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected Subnet wrap(Declaration next) {
        return new Subnet(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "subnetId"), Out.str(values, "availabilityZone"),
                Out.str(values, "cidrBlock"));
    }
}
