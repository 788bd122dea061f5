package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Unknown;
import dev.converge.spi.ValidateRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsValidationTest {

    private static final Address AT = Address.of("r");

    private static java.util.List<String> problems(String type, Map<String, Object> inputs) {
        return new AwsProvider().validate(new ValidateRequest(AT, type, inputs)).diagnostics().stream()
                .map(Diagnostic::summary).toList();
    }

    @Test
    void bucketNamesFollowS3Rules() {
        assertThat(problems(AwsSchemas.S3_BUCKET, Map.of("bucket", "acme-logs.eu"))).isEmpty();
        assertThat(problems(AwsSchemas.S3_BUCKET, Map.of("bucket", "Acme_Logs"))).singleElement()
                .asString().contains("invalid bucket name");
        assertThat(problems(AwsSchemas.S3_BUCKET, Map.of("bucket", Unknown.INSTANCE))).isEmpty();
    }

    @Test
    void fifoFlagAndNameMustAgree() {
        assertThat(problems(AwsSchemas.SQS_QUEUE, Map.of("queueName", "jobs.fifo", "fifo", true))).isEmpty();
        assertThat(problems(AwsSchemas.SQS_QUEUE, Map.of("queueName", "jobs", "fifo", true))).singleElement()
                .asString().contains(".fifo");
        assertThat(problems(AwsSchemas.SNS_TOPIC, Map.of("topicName", "t.fifo", "fifo", false))).hasSize(1);
    }

    @Test
    void retentionMustBeAnAllowedValueAndUnknownTypesAreReported() {
        assertThat(problems(AwsSchemas.LOG_GROUP, Map.of("logGroupName", "/a", "retentionInDays", 30L))).isEmpty();
        assertThat(problems(AwsSchemas.LOG_GROUP, Map.of("logGroupName", "/a", "retentionInDays", 31L))).hasSize(1);
        assertThat(problems("aws:Nope", Map.of())).singleElement().asString().contains("unknown resource type");
    }
}
