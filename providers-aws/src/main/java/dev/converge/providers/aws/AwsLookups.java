package dev.converge.providers.aws;

import dev.converge.spi.LookupHandler;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The lookups (data sources) of the AWS provider: an existing VPC or subnet, found by id, CIDR block,
 * availability zone or tags, and a Route 53 hosted zone found by name. Schemas and matching are pure; the
 * calls live in {@link Ec2Lookups} and {@link ZoneLookups}. Filter properties carry the names of the
 * properties a match returns, so a filter value is compared with the object's property of the same name
 * (a map such as {@code tags}: each of its entries must be among the object's).
 */
final class AwsLookups {

    static final List<ResourceSchema> SCHEMAS = List.of(vpc(), subnet(), zone());

    private AwsLookups() {
    }

    /** The lookup of each lookup type, sharing {@code aws}'s clients. */
    static Map<String, LookupHandler> handlers(AwsClients aws) {
        Ec2Lookups ec2 = new Ec2Lookups(aws);
        Map<String, LookupHandler> handlers = new LinkedHashMap<>();
        handlers.put(AwsSchemas.VPC, ec2::vpcs);
        handlers.put(AwsSchemas.SUBNET, ec2::subnets);
        handlers.put(AwsSchemas.ROUTE53_ZONE, new ZoneLookups(aws)::zones);
        return handlers;
    }

    private static PropertySchema tags() {
        return PropertySchema.map("tags").describedAs("tags the object must carry (others may be there too)");
    }

    static ResourceSchema vpc() {
        return ResourceSchema.builder(AwsSchemas.VPC)
                .property(PropertySchema.string("vpcId"))
                .property(PropertySchema.string("cidrBlock").describedAs("the primary CIDR block"))
                .property(PropertySchema.bool("isDefault").describedAs("the region's default VPC"))
                .property(tags())
                .output("state")
                .build();
    }

    static ResourceSchema subnet() {
        return ResourceSchema.builder(AwsSchemas.SUBNET)
                .property(PropertySchema.string("subnetId"))
                .property(PropertySchema.string("vpcId"))
                .property(PropertySchema.string("cidrBlock"))
                .property(PropertySchema.string("availabilityZone"))
                .property(tags())
                .output("mapPublicIpOnLaunch")
                .build();
    }

    static ResourceSchema zone() {
        return ResourceSchema.builder(AwsSchemas.ROUTE53_ZONE)
                .property(PropertySchema.string("zoneName").asRequired()
                        .describedAs("the zone's DNS name, with or without the final dot"))
                .property(PropertySchema.string("zoneId"))
                .property(PropertySchema.bool("privateZone").describedAs("true for a private zone"))
                .property(tags())
                .output("nameServers")
                .build();
    }

    /**
     * The objects {@code found} whose properties match every filter value, each under its id. The server's own
     * filtering is only a narrowing: every filter property is checked here, so one it ignores cannot widen the
     * answer.
     */
    static <T> LookupResponse matching(Map<String, Object> filter, List<T> found, Function<T, String> id,
            Function<T, Map<String, Object>> properties) {
        List<LookupResponse.Match> matches = new ArrayList<>();
        for (T object : found) {
            Map<String, Object> values = properties.apply(object);
            if (matches(filter, values)) {
                matches.add(new LookupResponse.Match(id.apply(object), values));
            }
        }
        return new LookupResponse(matches);
    }

    /**
     * Whether an object's {@code properties} match every filter value: equal values, or for a map each
     * entry; zone names compare without their final dot and case.
     */
    static boolean matches(Map<String, Object> filter, Map<String, Object> properties) {
        for (Map.Entry<String, Object> wanted : Values.normalizeMap(filter).entrySet()) {
            Object actual = Values.normalize(properties.get(wanted.getKey()));
            boolean ok;
            if (wanted.getValue() instanceof Map<?, ?> entries) {
                ok = actual instanceof Map<?, ?> map && entries.entrySet().stream()
                        .allMatch(e -> Objects.equals(e.getValue(), map.get(e.getKey())));
            } else if (wanted.getKey().equals("zoneName")) {
                ok = actual != null && dnsName(wanted.getValue().toString()).equals(dnsName(actual.toString()));
            } else {
                ok = Objects.equals(wanted.getValue(), actual);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A DNS name without its final dot, in lower case. */
    static String dnsName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
