package dev.converge.providers.aws;

import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Looks up existing VPCs and subnets: EC2 narrows by tags and ids (its describe filters), then every filter
 * property is checked on the result ({@link AwsLookups#matches}), so a filter EC2 ignores cannot widen the
 * answer. Thread-safe.
 */
final class Ec2Lookups {

    private final AwsClients aws;

    Ec2Lookups(AwsClients aws) {
        this.aws = aws;
    }

    private Ec2Client ec2() {
        return aws.ec2();
    }

    LookupResponse vpcs(LookupRequest request) {
        List<Filter> filters = serverFilters(request.filter(), Map.of("vpcId", "vpc-id"));
        List<Vpc> vpcs = AwsErrors.call("look up VPCs for " + request.address(),
                () -> ec2().describeVpcsPaginator(b -> b.filters(filters)).vpcs().stream().toList());
        return AwsLookups.matching(request.filter(), vpcs, Vpc::vpcId, Ec2Lookups::properties);
    }

    LookupResponse subnets(LookupRequest request) {
        List<Filter> filters = serverFilters(request.filter(), Map.of("subnetId", "subnet-id", "vpcId", "vpc-id"));
        List<Subnet> subnets = AwsErrors.call("look up subnets for " + request.address(),
                () -> ec2().describeSubnetsPaginator(b -> b.filters(filters)).subnets().stream().toList());
        return AwsLookups.matching(request.filter(), subnets, Subnet::subnetId, Ec2Lookups::properties);
    }

    private static Map<String, Object> properties(Vpc vpc) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("vpcId", vpc.vpcId());
        properties.put("cidrBlock", vpc.cidrBlock());
        properties.put("isDefault", Boolean.TRUE.equals(vpc.isDefault()));
        properties.put("tags", Props.visibleTags(Ec2Tags.toMap(vpc.tags())));
        properties.put("state", vpc.stateAsString());
        return properties;
    }

    private static Map<String, Object> properties(Subnet subnet) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("subnetId", subnet.subnetId());
        properties.put("vpcId", subnet.vpcId());
        properties.put("cidrBlock", subnet.cidrBlock());
        properties.put("availabilityZone", subnet.availabilityZone());
        properties.put("mapPublicIpOnLaunch", Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch()));
        properties.put("tags", Props.visibleTags(Ec2Tags.toMap(subnet.tags())));
        return properties;
    }

    /** EC2 describe filters for the tags and for the filter properties named in {@code byName}. */
    private static List<Filter> serverFilters(Map<String, Object> filter, Map<String, String> byName) {
        List<Filter> filters = new ArrayList<>();
        Values.mapOf(filter, "tags").forEach((key, value) ->
                filters.add(Filter.builder().name("tag:" + key).values(String.valueOf(value)).build()));
        byName.forEach((property, name) -> {
            String value = Values.string(filter, property);
            if (value != null) {
                filters.add(Filter.builder().name(name).values(value).build());
            }
        });
        return filters;
    }
}
