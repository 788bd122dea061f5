package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import java.util.List;
import java.util.Map;

/**
 * A lookup of an existing Route 53 hosted zone that Converge does not manage ({@code aws:Route53Zone}), by
 * its DNS name (with or without the final dot), and optionally its privacy or tags; exactly one must match.
 *
 * <pre>{@code
 * Ref<Route53ZoneLookup.Info> zone = stack.lookup(Route53Zone.lookup("example.com"));
 * stack.add(Route53Record.of("www").zoneId(zone.output(Route53ZoneLookup.Info::zoneId)) ...);
 * }</pre>
 */
public final class Route53ZoneLookup extends LookupArgs<Route53ZoneLookup, Route53ZoneLookup.Info> {

    /** The zone found: its id ({@code id} and {@code zoneId}), name without the final dot, privacy, name servers. */
    public record Info(String id, String zoneId, String zoneName, boolean privateZone, List<String> nameServers) {
    }

    private Route53ZoneLookup(Declaration declaration) {
        super(declaration);
    }

    /** A lookup named {@code name} in the program, of the zone {@code zoneName}; see {@link Route53Zone#lookup}. */
    static Route53ZoneLookup create(String name, String zoneName) {
        return new Route53ZoneLookup(Declaration.of(AwsSchemas.ROUTE53_ZONE, name)).zoneName(zoneName);
    }

    public Route53ZoneLookup zoneName(Object name) {
        return with("zoneName", name);
    }

    /** Only private zones (true), or only public ones (false); both by default. */
    public Route53ZoneLookup privateZone(boolean privateZone) {
        return with("privateZone", privateZone);
    }

    /** The zone must carry this tag (it may carry others). */
    public Route53ZoneLookup tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected Route53ZoneLookup wrap(Declaration next) {
        return new Route53ZoneLookup(next);
    }

    @Override
    public Info outputs(Map<String, Object> values) {
        return new Info(Out.str(values, "id"), Out.str(values, "zoneId"), Out.str(values, "zoneName"),
                Out.bool(values, "privateZone"), Out.strings(values, "nameServers"));
    }
}
