package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadResponse;
import dev.converge.testing.RequiredServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** aws:DynamoDbTable against moto: keys, billing, indexes, TTL, tags, drift, import. */
class DynamoDbTableIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String T = AwsSchemas.DYNAMODB_TABLE;
    private static AwsProvider provider;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        Moto.reset();
        provider = Moto.provider();
        aws = Moto.clients();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider, aws);
    }

    private static Map<String, Object> index(String name, String hashKey) {
        return Map.of("name", name, "hashKey", hashKey, "hashKeyType", "S", "projection", "ALL");
    }

    @Test
    void tableLifecycle() {
        Map<String, Object> inputs = Map.of("tableName", "it-orders", "hashKey", "id", "rangeKey", "at",
                "rangeKeyType", "N", "globalSecondaryIndexes", List.of(index("byCustomer", "customer")),
                "ttlAttribute", "expires", "tags", Map.of("team", "ops"));
        CreateResponse table = provider.create(Moto.create(T, "orders", inputs));
        assertThat(table.id()).isEqualTo("it-orders");
        assertThat(table.outputs().get("arn").toString()).contains(":table/it-orders");
        Map<String, Object> prior = Moto.create(T, "orders", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(T, "orders", table.id(), prior, table.outputs()));
        assertThat(Moto.diff(provider, T, read.inputs(), inputs).diffs()).isEmpty();

        Map<String, Object> desired = Map.of("tableName", "it-orders", "hashKey", "id", "rangeKey", "at",
                "rangeKeyType", "N", "billingMode", "PROVISIONED", "readCapacity", 5L, "writeCapacity", 2L,
                "globalSecondaryIndexes", List.of(Map.of("name", "byStatus", "hashKey", "status", "hashKeyType", "S",
                        "projection", "ALL", "readCapacity", 1L, "writeCapacity", 1L)),
                "tags", Map.of("team", "dev"));
        var update = Moto.update(provider, T, "orders", table.id(), read.inputs(), table.outputs(), desired);
        assertThat(update.diffs()).noneMatch(d -> d.forcesReplacement());
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(T, "orders", table.id(), update.desiredInputs(), table.outputs()));
        assertThat(Moto.diff(provider, T, after.inputs(), desired).diffs()).isEmpty();

        var keyChange = Moto.diff(provider, T, prior, Map.of("tableName", "it-orders", "hashKey", "orderId"));
        assertThat(keyChange.requiresReplacement()).isTrue();
        assertThat(keyChange.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);

        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(T))).objects())
                .anyMatch(o -> o.id().equals("it-orders"));
        assertThat(provider.delete(Moto.delete(T, "orders", table.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(T, "orders", table.id(), prior, Map.of())).exists()).isFalse();
        assertThat(provider.delete(Moto.delete(T, "orders", table.id(), Map.of())).alreadyGone()).isTrue();
    }

    @Test
    void outOfBandCapacityChangeIsDriftAndImportWorks() {
        Map<String, Object> inputs = Map.of("tableName", "it-drift", "hashKey", "pk", "billingMode", "PROVISIONED",
                "readCapacity", 1L, "writeCapacity", 1L);
        CreateResponse table = provider.create(Moto.create(T, "drift", inputs));
        aws.dynamoDb().updateTable(b -> b.tableName("it-drift")
                .provisionedThroughput(p -> p.readCapacityUnits(9L).writeCapacityUnits(1L)));
        ReadResponse read = provider.read(Moto.read(T, "drift", table.id(), Moto.create(T, "drift", inputs).inputs(),
                table.outputs()));
        assertThat(read.inputs()).containsEntry("readCapacity", 9L);

        var imported = provider.importResource(new ImportRequest(Moto.address("d"), T, "it-drift",
                new Ownership(Moto.STACK, Moto.address("d"))));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.inputs()).containsEntry("hashKey", "pk").containsEntry("billingMode", "PROVISIONED");
    }
}
