package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/** A VPC ({@code aws:Vpc}): {@code stack.add(Vpc.of("main").cidrBlock("10.0.0.0/16"))}. */
public final class Vpc extends ResourceArgs<Vpc, Vpc.Outputs> {

    /** The VPC: its id ({@code id} and {@code vpcId}) and CIDR block. */
    public record Outputs(String id, String vpcId, String cidrBlock) {
    }

    private Vpc(Declaration declaration) {
        super(declaration);
    }

    public static Vpc of(String name) {
        return new Vpc(Declaration.of(AwsSchemas.VPC, name));
    }

    /**
     * A lookup of an existing VPC that Converge does not manage, named {@code name} in the program:
     * {@code stack.lookup(Vpc.lookup("main").tag("Name", "main"))}.
     */
    public static VpcLookup lookup(String name) {
        return VpcLookup.create(name);
    }

    public Vpc cidrBlock(String cidr) {
        return with("cidrBlock", cidr);
    }

    public Vpc enableDnsSupport(boolean enabled) {
        return with("enableDnsSupport", enabled);
    }

    public Vpc enableDnsHostnames(boolean enabled) {
        return with("enableDnsHostnames", enabled);
    }

    public Vpc tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected Vpc wrap(Declaration next) {
        return new Vpc(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "vpcId"), Out.str(values, "cidrBlock"));
    }
}
