package dev.converge.providers.aws;

import dev.converge.testing.RoutingRecorder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The real {@link AwsProvider}, with its traffic router wrapped so that after every routing the test reads
 * the service's records back from moto (with its own client, not the router's code) and keeps them as a
 * line such as {@code blue=90 green=10 preview=green}.
 */
final class ObservedAws extends RoutingRecorder {

    private final AwsClients reader;
    private final String domain;
    private final String recordName;

    ObservedAws(AwsClients reader, String domain, String recordName) {
        super(new AwsProvider());
        this.reader = reader;
        this.domain = WeightedRouting.fqdn(domain);
        this.recordName = WeightedRouting.fqdn(recordName);
    }

    /** The service's weighted records and preview as they are in moto now. */
    @Override
    protected String observe() {
        Optional<String> zoneId = reader.route53().listHostedZones().hostedZones().stream()
                .filter(zone -> zone.name().equals(domain)).map(zone -> zone.id()).findFirst();
        if (zoneId.isEmpty()) {
            return "no zone";
        }
        List<ResourceRecordSet> sets = reader.route53().listResourceRecordSets(b -> b.hostedZoneId(zoneId.get()))
                .resourceRecordSets();
        Map<String, Long> weights = new TreeMap<>();
        String preview = "";
        for (ResourceRecordSet set : sets) {
            String name = WeightedRouting.fqdn(set.name());
            if (name.equals(recordName) && set.setIdentifier() != null) {
                weights.put(set.setIdentifier(), set.weight());
            } else if (name.equals(WeightedRouting.PREVIEW_PREFIX + recordName)) {
                preview = " preview=" + versionAt(set.resourceRecords().get(0).value());
            }
        }
        StringBuilder line = new StringBuilder();
        weights.forEach((version, weight) -> line.append(line.length() == 0 ? "" : " ").append(version).append('=')
                .append(weight));
        return (line + preview).strip();
    }

    /** The version (the suffix of its Name tag) of the running instance at {@code ip}. */
    private String versionAt(String ip) {
        return reader.ec2().describeInstances(b -> b.filters(f -> f.name("instance-state-name").values("running")))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> ip.equals(i.publicIpAddress()) || ip.equals(i.privateIpAddress()))
                .map(ObservedAws::name).map(name -> name.substring(name.lastIndexOf('-') + 1)).findFirst()
                .orElse("nothing at " + ip);
    }

    private static String name(Instance instance) {
        return instance.tags().stream().filter(tag -> tag.key().equals("Name")).map(tag -> tag.value()).findFirst()
                .orElse("?");
    }
}
