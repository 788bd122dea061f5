package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import java.util.Map;

/**
 * A lookup of an existing VPC that Converge does not manage ({@code aws:Vpc}), by tags, id, CIDR block or
 * whether it is the default VPC; exactly one must match.
 *
 * <pre>{@code
 * Ref<VpcLookup.Info> vpc = stack.lookup(Vpc.lookup("main").tag("Name", "main"));
 * stack.add(SecurityGroup.of("web").vpcId(vpc.output(VpcLookup.Info::vpcId)));
 * }</pre>
 */
public final class VpcLookup extends LookupArgs<VpcLookup, VpcLookup.Info> {

    /** The VPC found: its id ({@code id} and {@code vpcId}), primary CIDR block, tags and whether it is the default. */
    public record Info(String id, String vpcId, String cidrBlock, Map<String, String> tags, boolean isDefault) {
    }

    private VpcLookup(Declaration declaration) {
        super(declaration);
    }

    /** A lookup named {@code name} in the program; see {@link Vpc#lookup}. */
    static VpcLookup create(String name) {
        return new VpcLookup(Declaration.of(AwsSchemas.VPC, name));
    }

    /** The VPC must carry this tag (it may carry others). */
    public VpcLookup tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    public VpcLookup vpcId(Object id) {
        return with("vpcId", id);
    }

    public VpcLookup cidrBlock(Object cidr) {
        return with("cidrBlock", cidr);
    }

    /** Only the region's default VPC (true), or only others (false). */
    public VpcLookup isDefault(boolean isDefault) {
        return with("isDefault", isDefault);
    }

    @Override
    protected VpcLookup wrap(Declaration next) {
        return new VpcLookup(next);
    }

    @Override
    public Info outputs(Map<String, Object> values) {
        return new Info(Out.str(values, "id"), Out.str(values, "vpcId"), Out.str(values, "cidrBlock"),
                Out.tags(values), Out.bool(values, "isDefault"));
    }
}
