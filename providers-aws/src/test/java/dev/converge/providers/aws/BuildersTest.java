package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.Ref;
import dev.converge.spi.SchemaChecks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed builders produce declarations that pass their schema and read typed outputs back. */
class BuildersTest {

    @Test
    void bucketBuilderDeclaresValidProperties() {
        S3Bucket bucket = S3Bucket.of("logs").versioning(true).tag("team", "ops").blockPublicAccess(true)
                .lifecycleRule("expire", "tmp/", 7, 0);
        Map<String, Object> properties = bucket.declaration().properties();
        assertThat(bucket.declaration().type()).isEqualTo("aws:S3Bucket");
        assertThat(properties).containsEntry("bucket", "logs").containsEntry("versioning", true)
                .containsEntry("tags", Map.of("team", "ops"));
        assertThat(SchemaChecks.validate(AwsSchemas.of(AwsSchemas.S3_BUCKET), Address.of("logs"), properties)).isEmpty();
        var outputs = bucket.outputs(Map.of("id", "logs", "bucket", "logs", "arn", "arn:aws:s3:::logs",
                "versioning", true, "tags", Map.of("team", "ops")));
        assertThat(outputs.arn()).isEqualTo("arn:aws:s3:::logs");
        assertThat(outputs.versioning()).isTrue();
    }

    @Test
    void queueReferencesItsDeadLetterQueueThroughAnOutput() {
        Ref<SqsQueue.Outputs> dlq = Ref.of(Address.of("dlq"), AwsSchemas.SQS_QUEUE, SqsQueue.of("dlq")::outputs);
        SqsQueue queue = SqsQueue.of("orders").visibilityTimeout(60).deadLetterQueue(dlq, 3);
        Object arn = queue.declaration().properties().get("deadLetterTargetArn");
        assertThat(arn).isInstanceOf(Output.class);
        assertThat(((Output<?>) arn).dependencies()).containsExactly(Address.of("dlq"));
        assertThat(queue.declaration().properties()).containsEntry("maxReceiveCount", 3L);
    }

    @Test
    void everyBuilderMatchesItsSchema() {
        List<dev.converge.api.ResourceArgs<?, ?>> all = List.of(
                SqsQueue.of("q").fifo(false).tag("a", "b"),
                SnsTopic.of("t").displayName("T"),
                SnsSubscription.of("s").topicArn("arn:t").protocol("sqs").endpoint("arn:q"),
                DynamoDbTable.of("t").hashKey("id", "S").rangeKey("at", "N").provisioned(1, 1)
                        .globalSecondaryIndex("g", "x", "S", null, null, 1, 1).ttlAttribute("exp"),
                IamRole.of("r").assumedBy("ec2.amazonaws.com").description("d"),
                IamPolicy.of("p").document("{}"),
                IamRolePolicyAttachment.of("a").roleName("r").policyArn("arn:p"),
                LogGroup.of("l").logGroupName("/app/l").retentionInDays(7),
                Route53Zone.of("example.com").comment("c"),
                Route53Record.of("www").zoneId("Z").record("www.example.com", "A", "10.0.0.1").weighted("blue", 10),
                Vpc.of("v").cidrBlock("10.0.0.0/16").enableDnsHostnames(true),
                Subnet.of("s").vpcId("vpc-1").cidrBlock("10.0.1.0/24").mapPublicIpOnLaunch(true),
                SecurityGroup.of("g").vpcId("vpc-1").ingress("tcp", 443, 443, "0.0.0.0/0").egress("-1", 0, 0, "0.0.0.0/0"),
                Ec2Instance.of("i").imageId("ami-1").instanceType("t3.small").subnetId("subnet-1").userData("echo"),
                EbsVolume.of("d").availabilityZone("us-east-1a").size(10).volumeType("gp3"));
        for (var builder : all) {
            var declaration = builder.declaration();
            assertThat(SchemaChecks.validate(AwsSchemas.of(declaration.type()), Address.of(declaration.name()),
                    declaration.properties())).as(declaration.type()).isEmpty();
        }
    }
}
