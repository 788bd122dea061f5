package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * {@code aws:Route53Zone}: a public hosted zone. The id is the zone id without the
 * {@code /hostedzone/} prefix. With {@code forceDestroy} the zone's records (other than its own SOA and
 * NS) are deleted before the zone.
 */
final class Route53ZoneHandler extends Handler {

    Route53ZoneHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.ROUTE53_ZONE));
    }

    private Route53Client r53() {
        return aws.route53();
    }

    /** A retried create finds the zone its earlier attempt made by the caller reference. */
    @Override
    public boolean idempotentCreate() {
        return true;
    }

    private void tag(CreateRequest request, String id) {
        AwsErrors.run(what("tag", id), () -> r53().changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE)
                .resourceId(id).addTags(toTags(Props.tagsWithOwner(request.inputs(), request.owner())))));
    }

    /** The zone named {@code name} (with or without its final dot) made with {@code callerReference}. */
    private Optional<HostedZone> byCallerReference(String name, String callerReference) {
        String dotted = name.endsWith(".") ? name : name + ".";
        return r53().listHostedZonesByName(b -> b.dnsName(dotted)).hostedZones().stream()
                .filter(zone -> zone.name().equals(dotted) && callerReference.equals(zone.callerReference()))
                .findFirst();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "zoneName");
        // The create's idempotency token is the zone's caller reference: AWS refuses a second zone with the same
        // one, and a retried create finds the zone its earlier attempt made by it (its tags come later).
        Optional<HostedZone> earlier = request.retried() ? AwsErrors.call(what("look for", name),
                () -> byCallerReference(name, request.idempotencyToken())) : Optional.empty();
        if (earlier.isPresent()) {
            String id = shortId(earlier.get().id());
            tag(request, id);
            List<String> servers = AwsErrors.call(what("read", id), () -> r53().getHostedZone(b -> b.id(id)))
                    .delegationSet().nameServers();
            return new CreateResponse(id, outputs(inputs, Map.of("zoneId", id, "nameServers", servers)));
        }
        var created = AwsErrors.call(what("create", name), () -> r53().createHostedZone(b -> b.name(name)
                .callerReference(request.idempotencyToken())
                .hostedZoneConfig(c -> c.comment(Values.string(inputs, "comment")))));
        String id = shortId(created.hostedZone().id());
        tag(request, id);
        List<String> servers = created.delegationSet() == null ? List.of() : created.delegationSet().nameServers();
        return new CreateResponse(id, outputs(inputs, Map.of("zoneId", id, "nameServers", servers)));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String id = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", id), () -> {
            if (request.diffs().stream().anyMatch(d -> d.property().equals("comment"))) {
                String comment = Values.string(desired, "comment");
                r53().updateHostedZoneComment(b -> b.id(id).comment(comment == null ? "" : comment));
            }
            if (request.diffs().stream().anyMatch(d -> d.property().equals("tags"))) {
                Props.TagChange change = Props.tagChange(tagsOf(id), Props.userTags(desired));
                if (!change.isEmpty()) {
                    r53().changeTagsForResource(b -> {
                        b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id);
                        if (!change.set().isEmpty()) {
                            b.addTags(toTags(change.set()));
                        }
                        if (!change.remove().isEmpty()) {
                            b.removeTagKeys(change.remove());
                        }
                    });
                }
            }
        });
        Map<String, Object> computed = new LinkedHashMap<>();
        computed.put("zoneId", id);
        computed.put("nameServers", request.priorOutputs().get("nameServers"));
        return new UpdateResponse(outputs(desired, computed));
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        try {
            GetHostedZoneResponse response = r53().getHostedZone(b -> b.id(id));
            HostedZone zone = response.hostedZone();
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("zoneName", sameName(Values.string(prior, "zoneName"), zone.name()));
            if (zone.config() != null && zone.config().comment() != null && !zone.config().comment().isEmpty()) {
                all.put("comment", zone.config().comment());
            }
            all.put("forceDestroy", Values.bool(prior, "forceDestroy", false));
            all.put("tags", Props.visibleTags(tagsOf(id)));
            all.put("zoneId", id);
            all.put("nameServers", response.delegationSet() == null ? List.of() : response.delegationSet().nameServers());
            return Optional.of(all);
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", id), e);
        }
    }

    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        try {
            if (Values.bool(outputs, "forceDestroy", false)) {
                deleteRecords(id);
            }
            r53().deleteHostedZone(b -> b.id(id));
            return true;
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            if (e.awsErrorDetails() != null && "HostedZoneNotEmpty".equals(e.awsErrorDetails().errorCode())) {
                throw ProviderException.fatal("cannot delete hosted zone " + id + ": it still has records. Delete"
                        + " them, or set forceDestroy(true) on the zone and apply before destroying", e);
            }
            throw AwsErrors.translate(what("delete", id), e);
        }
    }

    private void deleteRecords(String id) {
        String apex = r53().getHostedZone(b -> b.id(id)).hostedZone().name();
        List<Change> changes = r53().listResourceRecordSetsPaginator(b -> b.hostedZoneId(id)).resourceRecordSets()
                .stream()
                .filter(set -> !(set.name().equals(apex) && (set.typeAsString().equals("SOA")
                        || set.typeAsString().equals("NS"))))
                .map(set -> Change.builder().action(ChangeAction.DELETE).resourceRecordSet(set).build())
                .collect(Collectors.toList());
        if (!changes.isEmpty()) {
            r53().changeResourceRecordSets(b -> b.hostedZoneId(id).changeBatch(c -> c.changes(changes)));
        }
    }

    @Override
    String canonicalId(String userId) {
        return shortId(userId);
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list hosted zones", () -> r53().listHostedZonesPaginator().hostedZones().stream()
                .map(zone -> shortId(zone.id())).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String id) {
        Map<String, String> tags = new LinkedHashMap<>();
        r53().listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id))
                .resourceTagSet().tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static String shortId(String id) {
        return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
    }

    /** The declared name when it equals the observed one up to the trailing dot Route 53 adds. */
    static String sameName(String declared, String observed) {
        if (declared != null && strip(declared).equalsIgnoreCase(strip(observed))) {
            return declared;
        }
        return strip(observed);
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }
}
