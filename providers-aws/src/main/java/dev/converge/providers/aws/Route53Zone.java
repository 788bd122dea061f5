package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.List;
import java.util.Map;

/** A public Route 53 hosted zone ({@code aws:Route53Zone}), such as {@code example.com}. */
public final class Route53Zone extends ResourceArgs<Route53Zone, Route53Zone.Outputs> {

    /** The zone: its id ({@code id} and {@code zoneId}), name and name servers. */
    public record Outputs(String id, String zoneId, String zoneName, List<String> nameServers) {
    }

    private Route53Zone(Declaration declaration) {
        super(declaration);
    }

    /** A zone whose DNS name is the resource name. */
    public static Route53Zone of(String name) {
        return new Route53Zone(Declaration.of(AwsSchemas.ROUTE53_ZONE, name)).zoneName(name);
    }

    /**
     * A lookup of the existing hosted zone {@code zoneName} that Converge does not manage, under the same
     * name in the program: {@code stack.lookup(Route53Zone.lookup("example.com"))}.
     */
    public static Route53ZoneLookup lookup(String zoneName) {
        return Route53ZoneLookup.create(zoneName, zoneName);
    }

    public Route53Zone zoneName(Object name) {
        return with("zoneName", name);
    }

    public Route53Zone comment(Object comment) {
        return with("comment", comment);
    }

    /** Delete the zone's records before the zone on destroy. */
    public Route53Zone forceDestroy(boolean force) {
        return with("forceDestroy", force);
    }

    public Route53Zone tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected Route53Zone wrap(Declaration next) {
        return new Route53Zone(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "zoneId"), Out.str(values, "zoneName"),
                Out.strings(values, "nameServers"));
    }
}
