package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DynamoDB table ({@code aws:DynamoDbTable}), on-demand unless {@link #provisioned} is called. Key
 * changes replace the table (its data is lost: mark it {@code holdsData()} or {@code protect()});
 * billing, throughput, indexes, TTL and tags change in place.
 *
 * <pre>{@code stack.add(DynamoDbTable.of("orders").hashKey("id", "S").rangeKey("createdAt", "N"))}</pre>
 */
public final class DynamoDbTable extends ResourceArgs<DynamoDbTable, DynamoDbTable.Outputs> {

    /** The table: its name ({@code id} and {@code tableName}), ARN and tags. */
    public record Outputs(String id, String tableName, String arn, Map<String, String> tags) {
    }

    private DynamoDbTable(Declaration declaration) {
        super(declaration);
    }

    public static DynamoDbTable of(String name) {
        return new DynamoDbTable(Declaration.of(AwsSchemas.DYNAMODB_TABLE, name)).tableName(name);
    }

    public DynamoDbTable tableName(Object name) {
        return with("tableName", name);
    }

    /** The partition key and its type: {@code S}, {@code N} or {@code B}. */
    public DynamoDbTable hashKey(String attribute, String type) {
        return with("hashKey", attribute).with("hashKeyType", type);
    }

    /** The sort key and its type. */
    public DynamoDbTable rangeKey(String attribute, String type) {
        return with("rangeKey", attribute).with("rangeKeyType", type);
    }

    /** Provisioned capacity instead of on-demand billing. */
    public DynamoDbTable provisioned(long readCapacity, long writeCapacity) {
        return with("billingMode", "PROVISIONED").with("readCapacity", readCapacity)
                .with("writeCapacity", writeCapacity);
    }

    public DynamoDbTable payPerRequest() {
        return with("billingMode", "PAY_PER_REQUEST").with("readCapacity", null).with("writeCapacity", null);
    }

    /**
     * Adds a global secondary index projecting all attributes; {@code rangeKey} may be null. For
     * provisioned tables the index gets the capacity given here (ignored on demand).
     */
    public DynamoDbTable globalSecondaryIndex(String name, String hashKey, String hashKeyType, String rangeKey,
            String rangeKeyType, long readCapacity, long writeCapacity) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", name);
        index.put("hashKey", hashKey);
        index.put("hashKeyType", hashKeyType);
        if (rangeKey != null) {
            index.put("rangeKey", rangeKey);
            index.put("rangeKeyType", rangeKeyType);
        }
        index.put("projection", "ALL");
        if (readCapacity > 0) {
            index.put("readCapacity", readCapacity);
            index.put("writeCapacity", writeCapacity);
        }
        return withElement("globalSecondaryIndexes", index);
    }

    /** Expire items at the epoch-seconds time in {@code attribute}. */
    public DynamoDbTable ttlAttribute(String attribute) {
        return with("ttlAttribute", attribute);
    }

    public DynamoDbTable tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected DynamoDbTable wrap(Declaration next) {
        return new DynamoDbTable(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "tableName"), Out.str(values, "arn"),
                Out.tags(values));
    }
}
