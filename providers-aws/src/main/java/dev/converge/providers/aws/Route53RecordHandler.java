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
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code aws:Route53Record}: a record set, simple or weighted ({@code setIdentifier} and
 * {@code weight}, as blue/green and canary strategies use). The id is
 * {@code ZONE_ID|NAME|TYPE|SET_IDENTIFIER} (the last part empty for simple records); import takes the
 * same form. Changes return once Route 53 reports them in sync.
 */
final class Route53RecordHandler extends Handler {

    Route53RecordHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.ROUTE53_RECORD));
    }

    private Route53Client r53() {
        return aws.route53();
    }

    /** The parts of a record's id. */
    record Key(String zoneId, String name, String type, String setIdentifier) {
        static Key parse(String id) {
            String[] parts = id.split("\\|", -1);
            if (parts.length < 3) {
                throw ProviderException.fatal("invalid aws:Route53Record id '" + id
                        + "': use ZONE_ID|NAME|TYPE or ZONE_ID|NAME|TYPE|SET_IDENTIFIER");
            }
            return new Key(Route53ZoneHandler.shortId(parts[0]), parts[1], parts[2],
                    parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null);
        }

        static Key of(Map<String, Object> inputs) {
            return new Key(Values.string(inputs, "zoneId"), Values.string(inputs, "recordName"),
                    Values.string(inputs, "recordType"), Values.string(inputs, "setIdentifier"));
        }

        String id() {
            return zoneId + "|" + name + "|" + type + "|" + (setIdentifier == null ? "" : setIdentifier);
        }

        String fqdn() {
            return name.endsWith(".") ? name : name + ".";
        }
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Key key = Key.of(request.inputs());
        change(key, ChangeAction.CREATE, toRecordSet(key, request.inputs()));
        return new CreateResponse(key.id(), outputs(request.inputs(), Map.of("fqdn", key.fqdn())));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Key key = Key.parse(request.id());
        change(key, ChangeAction.UPSERT, toRecordSet(key, request.desiredInputs()));
        return new UpdateResponse(outputs(request.desiredInputs(), Map.of("fqdn", key.fqdn())));
    }

    private void change(Key key, ChangeAction action, ResourceRecordSet set) {
        AwsErrors.run(what(action.toString().toLowerCase(java.util.Locale.ROOT), key.id()), () -> {
            String changeId = r53().changeResourceRecordSets(b -> b.hostedZoneId(key.zoneId())
                    .changeBatch(c -> c.changes(Change.builder().action(action).resourceRecordSet(set).build())))
                    .changeInfo().id();
            r53().waiter().waitUntilResourceRecordSetsChanged(b -> b.id(changeId), Waits.standard());
        });
    }

    static ResourceRecordSet toRecordSet(Key key, Map<String, Object> inputs) {
        List<ResourceRecord> records = Values.listOf(inputs, "records").stream()
                .map(value -> ResourceRecord.builder().value(String.valueOf(value)).build())
                .collect(Collectors.toList());
        ResourceRecordSet.Builder builder = ResourceRecordSet.builder().name(key.fqdn()).type(key.type())
                .ttl(Values.number(inputs, "ttl", 300)).resourceRecords(records);
        if (key.setIdentifier() != null) {
            builder.setIdentifier(key.setIdentifier()).weight(Values.number(inputs, "weight", 0));
        }
        return builder.build();
    }

    private Optional<ResourceRecordSet> find(Key key) {
        try {
            return r53().listResourceRecordSets(b -> b.hostedZoneId(key.zoneId()).startRecordName(key.fqdn())
                    .startRecordType(key.type()).startRecordIdentifier(key.setIdentifier()).maxItems("100"))
                    .resourceRecordSets().stream()
                    .filter(set -> set.name().equalsIgnoreCase(key.fqdn()) && set.typeAsString().equals(key.type())
                            && java.util.Objects.equals(set.setIdentifier(), key.setIdentifier()))
                    .findFirst();
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", key.id()), e);
        }
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        Key key = Key.parse(id);
        return find(key).map(set -> {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("zoneId", key.zoneId());
            all.put("recordName", Route53ZoneHandler.sameName(Values.string(prior, "recordName"), set.name()));
            all.put("recordType", set.typeAsString());
            Props.putIfPresent(all, "ttl", set.ttl());
            all.put("records", set.resourceRecords().stream().map(ResourceRecord::value).collect(Collectors.toList()));
            Props.putIfPresent(all, "setIdentifier", set.setIdentifier());
            Props.putIfPresent(all, "weight", set.weight());
            all.put("fqdn", key.fqdn());
            return all;
        });
    }

    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        Key key = Key.parse(id);
        Optional<ResourceRecordSet> current = find(key);
        if (current.isEmpty()) {
            return false;
        }
        change(key, ChangeAction.DELETE, current.get());
        return true;
    }
}
