package dev.converge.providers.aws;

import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.Backend;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The pure part of the Route 53 traffic router (no I/O): its settings, its id, the record sets a routing
 * needs and the change batch that gets there from what exists.
 *
 * <p>Client traffic is one weighted record set per version under the service's name (set identifier =
 * version, weight = its share); a version that only the preview reaches keeps a record of weight 0, so a
 * blue/green switch reads 100/0. The preview is a plain record {@code preview.<name>} that points only at
 * the preview version.
 */
final class WeightedRouting {

    /** The router settings ({@code Deployment.routerSetting(key, value)}) this router reads. */
    static final String ZONE_ID = "zoneId";
    static final String RECORD_NAME = "recordName";
    static final String TTL = "ttl";
    static final String URL = "url";
    static final String PREVIEW_URL = "previewUrl";

    static final String PREVIEW_PREFIX = "preview.";
    static final long DEFAULT_TTL = 60;

    private static final String ID_PREFIX = "route53";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private WeightedRouting() {
    }

    /**
     * Where a router writes: the hosted zone, the service's record name (fully qualified, lower case) and
     * the TTL of its records. Kept as the router's id, so every later call, in any process, finds them.
     */
    record Target(String zoneId, String recordName, long ttl) {

        Target {
            Objects.requireNonNull(zoneId, "zoneId");
            recordName = fqdn(recordName);
        }

        static Target parse(String routerId) {
            String[] parts = routerId.split("\\|", -1);
            if (parts.length != 4 || !ID_PREFIX.equals(parts[0])) {
                throw ProviderException.fatal("invalid Route 53 router id '" + routerId
                        + "': expected route53|ZONE_ID|RECORD_NAME|TTL");
            }
            return new Target(parts[1], parts[2], Long.parseLong(parts[3]));
        }

        String id() {
            return ID_PREFIX + "|" + zoneId + "|" + recordName + "|" + ttl;
        }

        String previewName() {
            return PREVIEW_PREFIX + recordName;
        }
    }

    /** The hosted zone's id from the settings; fails naming the router and the setting to add. */
    static String zoneId(RouterRequest request) {
        Object zone = request.settings().get(ZONE_ID);
        if (zone == null || zone.toString().isBlank()) {
            throw ProviderException.fatal("router " + request.name() + ": Route 53 routing needs the hosted zone"
                    + " of the service's records; add .routerSetting(\"zoneId\", zone.output(Route53Zone.Outputs::zoneId))"
                    + " (or a zone id such as Z0123456789) to the strategy");
        }
        return Route53ZoneHandler.shortId(zone.toString().strip());
    }

    /**
     * The router's target: the {@code recordName} setting, or the service's name (the router's name
     * without {@code -router}) in the zone named {@code zoneName}.
     */
    static Target target(RouterRequest request, String zoneName) {
        Object name = request.settings().get(RECORD_NAME);
        String record = name != null && !name.toString().isBlank() ? name.toString().strip()
                : request.name().replaceFirst("-router$", "") + "." + fqdn(zoneName);
        long ttl = Values.number(request.settings(), TTL, DEFAULT_TTL);
        if (ttl < 0) {
            throw ProviderException.fatal("router " + request.name() + ": ttl must be 0 or more seconds, was " + ttl);
        }
        if (!fqdn(record).endsWith(fqdn(zoneName))) {
            throw ProviderException.fatal("router " + request.name() + ": record " + record + " is not in the hosted"
                    + " zone " + zoneName + "; choose a recordName under " + zoneName);
        }
        return new Target(zoneId(request), record, ttl);
    }

    /** The client URL: the {@code url} setting, else {@code http://<record>[:publish]}. */
    static String endpoint(RouterRequest request, Target target) {
        return url(request, URL, target.recordName());
    }

    /** The preview URL: the {@code previewUrl} setting, else {@code http://preview.<record>[:publish]}. */
    static String previewEndpoint(RouterRequest request, Target target) {
        return url(request, PREVIEW_URL, target.previewName());
    }

    private static String url(RouterRequest request, String key, String name) {
        Object given = request.settings().get(key);
        if (given != null && !given.toString().isBlank()) {
            return given.toString().strip();
        }
        String host = name.substring(0, name.length() - 1);
        return "http://" + host + (request.publishPort() > 0 ? ":" + request.publishPort() : "");
    }

    /**
     * The record sets {@code request} needs: a weighted set per version that gets client traffic and a
     * plain preview set. While a deployment is under way (a preview is routed), a version that only the
     * preview reaches, or that loses all its traffic, keeps its set at weight 0 ({@code current} supplies
     * its address), so each step reads as shares such as 100/0 or 0/100; once the routing settles (no
     * preview), only the versions that get traffic keep a set. No weight above 0: no client sets at all.
     */
    static List<ResourceRecordSet> desired(Target target, RouteRequest request, List<ResourceRecordSet> current) {
        List<ResourceRecordSet> sets = new ArrayList<>();
        if (request.backends().stream().anyMatch(backend -> backend.weight() > 0)) {
            Map<String, Backend> byVersion = new LinkedHashMap<>();
            request.backends().forEach(backend -> byVersion.put(backend.version(), backend));
            request.preview().ifPresent(preview -> {
                byVersion.putIfAbsent(preview.version(), new Backend(preview.version(), preview.address(), 0));
                current.stream().filter(set -> set.setIdentifier() != null && !set.resourceRecords().isEmpty())
                        .filter(set -> fqdn(set.name()).equals(target.recordName()))
                        .forEach(set -> byVersion.putIfAbsent(set.setIdentifier(), new Backend(set.setIdentifier(),
                                set.resourceRecords().get(0).value(), 0)));
            });
            byVersion.values().forEach(backend -> sets.add(recordSet(target.recordName(), target.ttl(), backend)
                    .setIdentifier(backend.version()).weight((long) backend.weight()).build()));
        }
        request.preview().ifPresent(preview -> sets.add(recordSet(target.previewName(), target.ttl(), preview)
                .build()));
        return sets;
    }

    private static ResourceRecordSet.Builder recordSet(String name, long ttl, Backend backend) {
        String host = host(backend.address());
        return ResourceRecordSet.builder().name(name).type(IPV4.matcher(host).matches() ? "A" : "CNAME").ttl(ttl)
                .resourceRecords(ResourceRecord.builder().value(host).build());
    }

    /** The host of a {@code host:port} backend address (DNS records carry no port). */
    static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }

    /**
     * The router's own record sets among {@code listed}: the weighted sets under the service's name and
     * the plain preview set. Records of other names, and plain records under the service's name that a user
     * may keep, are not the router's.
     */
    static List<ResourceRecordSet> owned(Target target, List<ResourceRecordSet> listed) {
        return listed.stream().filter(set -> routable(set.typeAsString()))
                .filter(set -> (fqdn(set.name()).equals(target.recordName()) && set.setIdentifier() != null)
                        || (fqdn(set.name()).equals(target.previewName()) && set.setIdentifier() == null))
                .toList();
    }

    private static boolean routable(String type) {
        return "A".equals(type) || "AAAA".equals(type) || "CNAME".equals(type);
    }

    /** One atomic batch from {@code current} to {@code desired}: deletes first, then upserts of what differs. */
    static List<Change> changes(List<ResourceRecordSet> current, List<ResourceRecordSet> desired) {
        List<Change> changes = new ArrayList<>();
        for (ResourceRecordSet existing : current) {
            if (desired.stream().noneMatch(wanted -> sameKey(wanted, existing))) {
                changes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(existing).build());
            }
        }
        for (ResourceRecordSet wanted : desired) {
            Optional<ResourceRecordSet> existing = current.stream().filter(set -> sameKey(set, wanted)).findFirst();
            if (existing.isEmpty() || !sameContent(existing.get(), wanted)) {
                changes.add(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(wanted).build());
            }
        }
        return changes;
    }

    /**
     * How long resolvers may still send clients to a version whose share {@code desired} lowers: the
     * largest TTL among such records, 0 when no version loses traffic.
     */
    static long drainSeconds(List<ResourceRecordSet> current, List<ResourceRecordSet> desired) {
        long wait = 0;
        for (ResourceRecordSet existing : current) {
            if (existing.setIdentifier() == null || weight(existing) == 0) {
                continue;
            }
            long after = desired.stream().filter(set -> set.setIdentifier() != null && sameKey(set, existing))
                    .mapToLong(WeightedRouting::weight).findFirst().orElse(0);
            if (after < weight(existing)) {
                wait = Math.max(wait, existing.ttl() == null ? 0 : existing.ttl());
            }
        }
        return wait;
    }

    /** The weights of the weighted sets among {@code sets}, by version. */
    static Map<String, Long> weights(List<ResourceRecordSet> sets) {
        Map<String, Long> weights = new java.util.TreeMap<>();
        sets.stream().filter(set -> set.setIdentifier() != null).forEach(set -> weights.put(set.setIdentifier(),
                weight(set)));
        return weights;
    }

    private static long weight(ResourceRecordSet set) {
        return set.weight() == null ? 0 : set.weight();
    }

    private static boolean sameKey(ResourceRecordSet a, ResourceRecordSet b) {
        // The type is part of the key: a set whose type changes (A to CNAME) is deleted and created anew.
        return fqdn(a.name()).equals(fqdn(b.name())) && Objects.equals(a.setIdentifier(), b.setIdentifier())
                && a.typeAsString().equals(b.typeAsString());
    }

    private static boolean sameContent(ResourceRecordSet a, ResourceRecordSet b) {
        return Objects.equals(a.ttl(), b.ttl())
                && Objects.equals(a.weight(), b.weight()) && a.resourceRecords().equals(b.resourceRecords());
    }

    /** A lower-case, fully qualified name with its trailing dot. */
    static String fqdn(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
