package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import java.util.Map;

/**
 * A lookup of an existing subnet that Converge does not manage ({@code aws:Subnet}), by tags, id, VPC, CIDR
 * block or availability zone; exactly one must match.
 *
 * <pre>{@code
 * Ref<SubnetLookup.Info> subnet = stack.lookup(Subnet.lookup("app").vpcId(vpcId).tag("tier", "app"));
 * }</pre>
 */
public final class SubnetLookup extends LookupArgs<SubnetLookup, SubnetLookup.Info> {

    /** The subnet found: its id ({@code id} and {@code subnetId}), VPC, CIDR block, availability zone and tags. */
    public record Info(String id, String subnetId, String vpcId, String cidrBlock, String availabilityZone,
            Map<String, String> tags) {
    }

    private SubnetLookup(Declaration declaration) {
        super(declaration);
    }

    /** A lookup named {@code name} in the program; see {@link Subnet#lookup}. */
    static SubnetLookup create(String name) {
        return new SubnetLookup(Declaration.of(AwsSchemas.SUBNET, name));
    }

    /** The subnet must carry this tag (it may carry others). */
    public SubnetLookup tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    public SubnetLookup subnetId(Object id) {
        return with("subnetId", id);
    }

    /** The VPC's id; may be an {@code Output}, such as a looked-up VPC's {@code vpcId}. */
    public SubnetLookup vpcId(Object id) {
        return with("vpcId", id);
    }

    public SubnetLookup cidrBlock(Object cidr) {
        return with("cidrBlock", cidr);
    }

    public SubnetLookup availabilityZone(Object zone) {
        return with("availabilityZone", zone);
    }

    @Override
    protected SubnetLookup wrap(Declaration next) {
        return new SubnetLookup(next);
    }

    @Override
    public Info outputs(Map<String, Object> values) {
        return new Info(Out.str(values, "id"), Out.str(values, "subnetId"), Out.str(values, "vpcId"),
                Out.str(values, "cidrBlock"), Out.str(values, "availabilityZone"), Out.tags(values));
    }
}
