package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * {@code aws:DynamoDbTable}: keys, billing mode, throughput, global secondary indexes, TTL and tags.
 * The id is the table name. Create and update return once the table (and its indexes) are active,
 * using the SDK's waiter. Indexes are changed in place, one per call, as DynamoDB requires.
 */
final class DynamoDbTableHandler extends Handler {

    DynamoDbTableHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.DYNAMODB_TABLE));
    }

    private DynamoDbClient ddb() {
        return aws.dynamoDb();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String table = Values.string(inputs, "tableName");
        String arn = AwsErrors.call(what("create", table), () -> ddb().createTable(
                DynamoDbTables.createRequest(inputs, Props.tagsWithOwner(inputs, request.owner())))
                .tableDescription().tableArn());
        waitActive(table, request.timeout());
        String ttl = Values.string(inputs, "ttlAttribute");
        if (ttl != null) {
            AwsErrors.run(what("set TTL of", table), () -> setTtl(table, ttl, true));
        }
        return new CreateResponse(table, outputs(inputs, Map.of("arn", arn)));
    }

    private void waitActive(String table, java.time.Duration timeout) {
        AwsErrors.run(what("wait for", table), () -> ddb().waiter().waitUntilTableExists(b -> b.tableName(table),
                Waits.upTo(timeout)));
    }

    private void setTtl(String table, String attribute, boolean enabled) {
        ddb().updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.attributeName(attribute)
                .enabled(enabled)));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String table = request.id();
        Map<String, Object> prior = request.priorInputs();
        Map<String, Object> desired = request.desiredInputs();
        Set<String> changed = request.diffs().stream().map(d -> d.property()).collect(Collectors.toSet());
        if (changed.contains("billingMode") || changed.contains("readCapacity") || changed.contains("writeCapacity")) {
            AwsErrors.run(what("update", table), () -> ddb().updateTable(DynamoDbTables.capacityUpdate(table, desired)));
            waitActive(table, request.timeout());
        }
        if (changed.contains("globalSecondaryIndexes")) {
            for (GlobalSecondaryIndexUpdate step : DynamoDbTables.indexUpdates(prior, desired)) {
                AwsErrors.run(what("update indexes of", table), () -> ddb().updateTable(b -> b.tableName(table)
                        .attributeDefinitions(DynamoDbTables.attributeDefinitions(desired))
                        .globalSecondaryIndexUpdates(step)));
                waitActive(table, request.timeout());
            }
        }
        if (changed.contains("ttlAttribute")) {
            String before = Values.string(prior, "ttlAttribute");
            String after = Values.string(desired, "ttlAttribute");
            AwsErrors.run(what("set TTL of", table), () -> {
                if (before != null) {
                    setTtl(table, before, false);
                }
                if (after != null) {
                    setTtl(table, after, true);
                }
            });
        }
        String arn = Values.string(request.priorOutputs(), "arn");
        if (changed.contains("tags")) {
            AwsErrors.run(what("tag", table), () -> {
                Props.TagChange change = Props.tagChange(tagsOf(arn), Props.userTags(desired));
                if (!change.remove().isEmpty()) {
                    ddb().untagResource(b -> b.resourceArn(arn).tagKeys(change.remove()));
                }
                if (!change.set().isEmpty()) {
                    ddb().tagResource(b -> b.resourceArn(arn).tags(DynamoDbTables.toTags(change.set())));
                }
            });
        }
        return new UpdateResponse(outputs(desired, Map.of("arn", arn)));
    }

    @Override
    Optional<Map<String, Object>> observe(String table, Map<String, Object> prior) {
        try {
            TableDescription description = ddb().describeTable(b -> b.tableName(table)).table();
            Map<String, Object> all = DynamoDbTables.fromDescription(description);
            if (prior.isEmpty() || prior.containsKey("ttlAttribute")) {
                var ttl = ddb().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
                if (ttl != null && ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED) {
                    all.put("ttlAttribute", ttl.attributeName());
                }
            }
            all.put("tags", Props.visibleTags(tagsOf(description.tableArn())));
            return Optional.of(all);
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", table), e);
        }
    }

    @Override
    boolean remove(String table, Map<String, Object> outputs) {
        try {
            ddb().deleteTable(b -> b.tableName(table));
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            throw AwsErrors.translate(what("delete", table), e);
        }
        AwsErrors.run(what("wait for deletion of", table),
                () -> ddb().waiter().waitUntilTableNotExists(b -> b.tableName(table), Waits.standard()));
        return true;
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list DynamoDB tables", () -> ddb().listTablesPaginator().tableNames().stream()
                .collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String tableOrArn) {
        String arn = tableOrArn.startsWith("arn:") ? tableOrArn
                : ddb().describeTable(b -> b.tableName(tableOrArn)).table().tableArn();
        Map<String, String> tags = new LinkedHashMap<>();
        ddb().listTagsOfResource(b -> b.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static boolean provisioned(Map<String, Object> inputs) {
        return BillingMode.PROVISIONED.toString().equals(Values.string(inputs, "billingMode"));
    }
}
