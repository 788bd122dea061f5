package dev.converge.providers.aws;

import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * Pure conversions between {@code aws:DynamoDbTable} properties and DynamoDB requests/descriptions.
 *
 * <p>A global secondary index is a map with {@code name}, {@code hashKey}, {@code hashKeyType}
 * ("S", "N" or "B"), optionally {@code rangeKey} and {@code rangeKeyType}, {@code projection}
 * ("ALL", "KEYS_ONLY") and, for provisioned tables, {@code readCapacity} and {@code writeCapacity}.
 */
final class DynamoDbTables {

    private DynamoDbTables() {
    }

    static CreateTableRequest createRequest(Map<String, Object> inputs, Map<String, String> tags) {
        CreateTableRequest.Builder builder = CreateTableRequest.builder()
                .tableName(Values.string(inputs, "tableName"))
                .attributeDefinitions(attributeDefinitions(inputs))
                .keySchema(keySchema(Values.string(inputs, "hashKey"), Values.string(inputs, "rangeKey")))
                .billingMode(billingMode(inputs))
                .tags(toTags(tags));
        if (DynamoDbTableHandler.provisioned(inputs)) {
            builder.provisionedThroughput(throughput(inputs));
        }
        List<GlobalSecondaryIndex> indexes = indexes(inputs).stream().map(index -> toIndex(index, inputs))
                .collect(Collectors.toList());
        if (!indexes.isEmpty()) {
            builder.globalSecondaryIndexes(indexes);
        }
        return builder.build();
    }

    static UpdateTableRequest capacityUpdate(String table, Map<String, Object> desired) {
        UpdateTableRequest.Builder builder = UpdateTableRequest.builder().tableName(table)
                .billingMode(billingMode(desired));
        if (DynamoDbTableHandler.provisioned(desired)) {
            builder.provisionedThroughput(throughput(desired));
        }
        return builder.build();
    }

    /** The index changes from prior to desired: deletes first, then creates; a changed index is both. */
    static List<GlobalSecondaryIndexUpdate> indexUpdates(Map<String, Object> prior, Map<String, Object> desired) {
        Map<String, Map<String, Object>> before = byName(indexes(prior));
        Map<String, Map<String, Object>> after = byName(indexes(desired));
        List<GlobalSecondaryIndexUpdate> steps = new ArrayList<>();
        before.forEach((name, index) -> {
            if (!Objects.equals(index, after.get(name))) {
                steps.add(GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(name)).build());
            }
        });
        after.forEach((name, index) -> {
            if (!Objects.equals(index, before.get(name))) {
                GlobalSecondaryIndex gsi = toIndex(index, desired);
                steps.add(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(gsi.indexName())
                        .keySchema(gsi.keySchema()).projection(gsi.projection())
                        .provisionedThroughput(gsi.provisionedThroughput())).build());
            }
        });
        return steps;
    }

    /** Every key attribute of the table and its indexes, each defined once. */
    static List<AttributeDefinition> attributeDefinitions(Map<String, Object> inputs) {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(Values.string(inputs, "hashKey"), typeOr(Values.string(inputs, "hashKeyType")));
        if (inputs.get("rangeKey") != null) {
            types.put(Values.string(inputs, "rangeKey"), typeOr(Values.string(inputs, "rangeKeyType")));
        }
        for (Map<String, Object> index : indexes(inputs)) {
            types.putIfAbsent(Values.string(index, "hashKey"), typeOr(Values.string(index, "hashKeyType")));
            if (index.get("rangeKey") != null) {
                types.putIfAbsent(Values.string(index, "rangeKey"), typeOr(Values.string(index, "rangeKeyType")));
            }
        }
        return types.entrySet().stream().map(e -> AttributeDefinition.builder().attributeName(e.getKey())
                .attributeType(e.getValue()).build()).collect(Collectors.toList());
    }

    /** The table's properties as observed (without TTL and tags, which need their own calls). */
    static Map<String, Object> fromDescription(TableDescription table) {
        Map<String, String> types = new LinkedHashMap<>();
        table.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeTypeAsString()));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("tableName", table.tableName());
        putKeys(all, table.keySchema(), types);
        boolean provisioned = table.billingModeSummary() == null
                || table.billingModeSummary().billingMode() == BillingMode.PROVISIONED;
        all.put("billingMode", provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
        if (provisioned && table.provisionedThroughput() != null) {
            all.put("readCapacity", table.provisionedThroughput().readCapacityUnits());
            all.put("writeCapacity", table.provisionedThroughput().writeCapacityUnits());
        }
        List<Object> indexes = new ArrayList<>();
        for (GlobalSecondaryIndexDescription gsi : table.globalSecondaryIndexes()) {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("name", gsi.indexName());
            putKeys(index, gsi.keySchema(), types);
            index.put("projection", gsi.projection() == null ? "ALL" : gsi.projection().projectionTypeAsString());
            if (provisioned && gsi.provisionedThroughput() != null) {
                index.put("readCapacity", gsi.provisionedThroughput().readCapacityUnits());
                index.put("writeCapacity", gsi.provisionedThroughput().writeCapacityUnits());
            }
            indexes.add(index);
        }
        if (!indexes.isEmpty()) {
            all.put("globalSecondaryIndexes", indexes);
        }
        all.put("arn", table.tableArn());
        return Values.normalizeMap(all);
    }

    private static void putKeys(Map<String, Object> target, List<KeySchemaElement> keys, Map<String, String> types) {
        for (KeySchemaElement key : keys) {
            String prefix = key.keyType() == KeyType.HASH ? "hashKey" : "rangeKey";
            target.put(prefix, key.attributeName());
            target.put(prefix + "Type", types.getOrDefault(key.attributeName(), "S"));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> indexes(Map<String, Object> inputs) {
        List<Map<String, Object>> result = new ArrayList<>();
        Values.listOf(inputs, "globalSecondaryIndexes").forEach(item -> result.add((Map<String, Object>) item));
        return result;
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> indexes) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        indexes.forEach(index -> result.put(Values.string(index, "name"), index));
        return result;
    }

    private static GlobalSecondaryIndex toIndex(Map<String, Object> index, Map<String, Object> table) {
        GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                .indexName(Values.string(index, "name"))
                .keySchema(keySchema(Values.string(index, "hashKey"), Values.string(index, "rangeKey")))
                .projection(p -> p.projectionType(ProjectionType.fromValue(
                        index.get("projection") == null ? "ALL" : Values.string(index, "projection"))));
        if (DynamoDbTableHandler.provisioned(table)) {
            builder.provisionedThroughput(ProvisionedThroughput.builder()
                    .readCapacityUnits(Values.number(index, "readCapacity", 1))
                    .writeCapacityUnits(Values.number(index, "writeCapacity", 1)).build());
        }
        return builder.build();
    }

    private static List<KeySchemaElement> keySchema(String hash, String range) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        if (range != null) {
            keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
        }
        return keys;
    }

    private static BillingMode billingMode(Map<String, Object> inputs) {
        return DynamoDbTableHandler.provisioned(inputs) ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST;
    }

    private static ProvisionedThroughput throughput(Map<String, Object> inputs) {
        return ProvisionedThroughput.builder().readCapacityUnits(Values.number(inputs, "readCapacity", 1))
                .writeCapacityUnits(Values.number(inputs, "writeCapacity", 1)).build();
    }

    private static String typeOr(String type) {
        return type == null ? "S" : type;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }
}
