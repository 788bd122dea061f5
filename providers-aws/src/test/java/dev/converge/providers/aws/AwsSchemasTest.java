package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.SchemaChecks;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The pure schema and diff logic; no AWS calls. */
class AwsSchemasTest {

    private static DiffResponse diff(String type, Map<String, Object> prior, Map<String, Object> desired) {
        return AwsDiff.diff(type, AwsSchemas.of(type).withDefaults(prior), desired);
    }

    @Test
    void everyTypeIsAwsPrefixedAndTheProviderIsFoundByServiceLoader() {
        assertThat(AwsSchemas.all()).extracting(s -> s.type()).allMatch(t -> t.startsWith("aws:")).hasSize(17).doesNotHaveDuplicates();
        assertThat(ServiceLoader.load(Provider.class).stream().map(p -> p.get().name())).contains("aws");
    }

    @Test
    void namesForceReplacementAndNamedTypesDeleteFirst() {
        DiffResponse rename = diff(AwsSchemas.SQS_QUEUE, Map.of("queueName", "a"), Map.of("queueName", "b"));
        assertThat(rename.requiresReplacement()).isTrue();
        assertThat(rename.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        DiffResponse record = diff(AwsSchemas.ROUTE53_RECORD, Map.of("zoneId", "Z", "recordName", "a",
                "recordType", "A", "records", List.of("1.1.1.1")), Map.of("zoneId", "Z", "recordName", "b",
                "recordType", "A", "records", List.of("1.1.1.1")));
        assertThat(record.requiresReplacement()).isTrue();
        assertThat(record.replacementOrder()).as("a renamed record does not clash").isEqualTo(ReplacementOrder.DEFAULT);
    }

    @Test
    void inPlaceChangesDoNotReplace() {
        DiffResponse tags = diff(AwsSchemas.S3_BUCKET, Map.of("bucket", "b", "tags", Map.of("a", "1")),
                Map.of("bucket", "b", "tags", Map.of("a", "2"), "versioning", true));
        assertThat(tags.diffs()).extracting(PropertyDiff::path).containsExactlyInAnyOrder("tags.a", "versioning");
        assertThat(tags.requiresReplacement()).isFalse();
        DiffResponse weight = diff(AwsSchemas.ROUTE53_RECORD, Map.of("zoneId", "Z", "recordName", "a",
                "recordType", "A", "records", List.of("1"), "setIdentifier", "blue", "weight", 90L),
                Map.of("zoneId", "Z", "recordName", "a", "recordType", "A", "records", List.of("1"),
                        "setIdentifier", "blue", "weight", 10L));
        assertThat(weight.diffs()).singleElement().satisfies(d -> assertThat(d.forcesReplacement()).isFalse());
    }

    @Test
    void jsonDocumentsCompareAsJson() {
        Map<String, Object> prior = Map.of("policyName", "p", "document", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(diff(AwsSchemas.IAM_POLICY, prior, Map.of("policyName", "p",
                "document", "{ \"Statement\": [ ], \"Version\": \"2012-10-17\" }")).hasChanges()).isFalse();
        assertThat(diff(AwsSchemas.IAM_POLICY, prior, Map.of("policyName", "p",
                "document", "{\"Version\":\"2012-10-17\",\"Statement\":[{}]}")).hasChanges()).isTrue();
    }

    @Test
    void computedAttributesLeftOutAreNotDiffed() {
        assertThat(diff(AwsSchemas.SQS_QUEUE, Map.of("queueName", "q", "visibilityTimeout", 30L),
                Map.of("queueName", "q")).hasChanges()).isFalse();
    }

    @Test
    void validationNamesMissingAndUnknownProperties() {
        var problems = SchemaChecks.validate(AwsSchemas.of(AwsSchemas.DYNAMODB_TABLE), Address.of("t"),
                Map.of("tableName", "t", "hashkey", "id"));
        assertThat(problems).extracting(d -> d.summary())
                .contains("missing required property 'hashKey'", "unknown property 'hashkey'");
    }
}
