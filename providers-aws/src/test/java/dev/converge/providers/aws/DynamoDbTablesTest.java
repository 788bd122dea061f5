package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;

class DynamoDbTablesTest {

    private static Map<String, Object> index(String name, String key) {
        return Map.of("name", name, "hashKey", key, "hashKeyType", "S", "projection", "ALL");
    }

    @Test
    void attributesAreDefinedOnceForTableAndIndexKeys() {
        Map<String, Object> table = Map.of("tableName", "t", "hashKey", "id", "hashKeyType", "S",
                "rangeKey", "at", "rangeKeyType", "N",
                "globalSecondaryIndexes", List.of(index("byId", "id"), index("byCustomer", "customer")));
        assertThat(DynamoDbTables.attributeDefinitions(table)).extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .containsExactly("id:S", "at:N", "customer:S");
        var request = DynamoDbTables.createRequest(table, Map.of("k", "v"));
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.provisionedThroughput()).isNull();
        assertThat(request.globalSecondaryIndexes()).hasSize(2);
    }

    @Test
    void indexUpdatesDeleteRemovedAndChangedThenCreate() {
        Map<String, Object> prior = Map.of("globalSecondaryIndexes", List.of(index("a", "x"), index("b", "y")));
        Map<String, Object> desired = Map.of("globalSecondaryIndexes", List.of(index("b", "z"), index("c", "w")));
        List<GlobalSecondaryIndexUpdate> steps = DynamoDbTables.indexUpdates(prior, desired);
        assertThat(steps).extracting(s -> s.delete() != null ? "delete " + s.delete().indexName()
                : "create " + s.create().indexName()).containsExactly("delete a", "delete b", "create b", "create c");
        assertThat(DynamoDbTables.indexUpdates(prior, prior)).isEmpty();
    }
}
