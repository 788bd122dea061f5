package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.List;
import java.util.Map;

/**
 * A Route 53 record set ({@code aws:Route53Record}). Weighted records share a name and type and differ
 * in {@link #weighted setIdentifier}; changing a weight is an in-place update, which is how blue/green
 * and canary strategies shift traffic.
 *
 * <pre>{@code
 * stack.add(Route53Record.of("www-blue").zone(zone).record("www.example.com", "A", "10.0.0.1")
 *     .weighted("blue", 90));
 * }</pre>
 */
public final class Route53Record extends ResourceArgs<Route53Record, Route53Record.Outputs> {

    /** The record: its id ({@code ZONE|NAME|TYPE|SET}), fully qualified name and weight. */
    public record Outputs(String id, String fqdn, String recordType, Long weight, List<String> records) {
    }

    private Route53Record(Declaration declaration) {
        super(declaration);
    }

    public static Route53Record of(String name) {
        return new Route53Record(Declaration.of(AwsSchemas.ROUTE53_RECORD, name));
    }

    public Route53Record zone(Ref<Route53Zone.Outputs> zone) {
        return zoneId(zone.output(Route53Zone.Outputs::zoneId));
    }

    public Route53Record zoneId(Object zoneId) {
        return with("zoneId", zoneId);
    }

    /** Name, type and values at once, such as {@code ("www.example.com", "A", "10.0.0.1")}. */
    public Route53Record record(String name, String type, Object... values) {
        return with("recordName", name).with("recordType", type).with("records", List.of(values));
    }

    public Route53Record ttl(long seconds) {
        return with("ttl", seconds);
    }

    /** Makes this one of several weighted records of the same name and type. */
    public Route53Record weighted(String setIdentifier, long weight) {
        return with("setIdentifier", setIdentifier).with("weight", weight);
    }

    @Override
    protected Route53Record wrap(Declaration next) {
        return new Route53Record(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "fqdn"), Out.str(values, "recordType"),
                Out.num(values, "weight"), Out.strings(values, "records"));
    }
}
