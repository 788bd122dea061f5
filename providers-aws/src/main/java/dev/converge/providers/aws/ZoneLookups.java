package dev.converge.providers.aws;

import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * Looks up existing Route 53 hosted zones by name (and id, privacy or tags): the account's zones are listed
 * and compared by name without the final dot; tags and name servers are read only for zones whose name
 * matches. Thread-safe.
 */
final class ZoneLookups {

    private final AwsClients aws;

    ZoneLookups(AwsClients aws) {
        this.aws = aws;
    }

    private Route53Client r53() {
        return aws.route53();
    }

    LookupResponse zones(LookupRequest request) {
        String wanted = AwsLookups.dnsName(String.valueOf(request.filter().get("zoneName")));
        List<HostedZone> named = AwsErrors.call("look up hosted zones for " + request.address(),
                () -> r53().listHostedZonesPaginator().hostedZones().stream()
                        .filter(zone -> AwsLookups.dnsName(zone.name()).equals(wanted)).toList());
        return AwsLookups.matching(request.filter(), named, zone -> Route53ZoneHandler.shortId(zone.id()),
                this::properties);
    }

    /** A zone's properties; its tags and name servers take a call each, made only for zones of the wanted name. */
    private Map<String, Object> properties(HostedZone zone) {
        String id = Route53ZoneHandler.shortId(zone.id());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("zoneId", id);
        properties.put("zoneName", AwsLookups.dnsName(zone.name()));
        properties.put("privateZone", zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone()));
        properties.put("tags", Props.visibleTags(AwsErrors.call("read the tags of zone " + id, () -> tagsOf(id))));
        properties.put("nameServers", AwsErrors.call("read zone " + id, () -> nameServers(id)));
        return properties;
    }

    private Map<String, String> tagsOf(String id) {
        Map<String, String> tags = new LinkedHashMap<>();
        r53().listTagsForResource(b -> b.resourceType("hostedzone").resourceId(id)).resourceTagSet().tags()
                .forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    private List<String> nameServers(String id) {
        var zone = r53().getHostedZone(b -> b.id(id));
        return zone.delegationSet() == null ? List.of() : zone.delegationSet().nameServers();
    }
}
