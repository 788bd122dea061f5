package dev.converge.examples.aws;

import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.providers.aws.DynamoDbTable;
import dev.converge.providers.aws.IamPolicy;
import dev.converge.providers.aws.IamRole;
import dev.converge.providers.aws.IamRolePolicyAttachment;
import dev.converge.providers.aws.S3Bucket;
import dev.converge.providers.aws.SnsSubscription;
import dev.converge.providers.aws.SnsTopic;
import dev.converge.providers.aws.SqsQueue;

/**
 * A small service on AWS: an uploads bucket, an orders table, an orders queue with a dead-letter queue,
 * a topic that fans out to the queue, and the service's IAM role with a policy for exactly these
 * resources.
 *
 * <p>Configuration: {@code service.name} (default {@code shop}) prefixes every name, so several stacks
 * can share one account; {@code team} tags everything. Against moto:
 * <pre>
 * eval "$(scripts/aws/start-moto.sh)"
 * mvn -q -pl examples -am compile exec:java \
 *   -Dexec.mainClass=dev.converge.examples.aws.AwsServiceStack -Dexec.args="apply --auto-approve --stack dev"
 * </pre>
 * with {@code aws.accessKeyId}/{@code aws.secretAccessKey} set to any test value in the stack config.
 */
public final class AwsServiceStack implements Program {

    @Override
    public void define(Stack stack) {
        String name = stack.config().get("service.name", "shop") + "-" + stack.name();
        String team = stack.config().get("team", "platform");

        var uploads = stack.add(S3Bucket.of("uploads").bucket(name + "-uploads").versioning(true)
                .blockPublicAccess(true).lifecycleRule("expire-tmp", "tmp/", 7, 30).tag("team", team));
        var orders = stack.add(DynamoDbTable.of("orders").tableName(name + "-orders").hashKey("orderId", "S")
                .rangeKey("createdAt", "N").ttlAttribute("expiresAt").tag("team", team));
        var deadLetters = stack.add(SqsQueue.of("orders-dlq").queueName(name + "-orders-dlq")
                .messageRetentionSeconds(1_209_600).tag("team", team));
        var events = stack.add(SnsTopic.of("order-events").topicName(name + "-order-events").tag("team", team));
        var queue = stack.add(SqsQueue.of("orders-queue").queueName(name + "-orders").visibilityTimeout(60)
                .deadLetterQueue(deadLetters, 5)
                .policy(Output.format(QUEUE_POLICY, events.output(SnsTopic.Outputs::arn)))
                .tag("team", team));
        stack.add(SnsSubscription.of("events-to-queue").topic(events).queue(queue).rawMessageDelivery(true));

        var role = stack.add(IamRole.of("service-role").roleName(name + "-service").assumedBy("ecs-tasks.amazonaws.com")
                .description("runs the " + name + " service").tag("team", team));
        Output<String> document = Output.format(POLICY, uploads.output(S3Bucket.Outputs::arn),
                orders.output(DynamoDbTable.Outputs::arn), queue.output(SqsQueue.Outputs::arn),
                events.output(SnsTopic.Outputs::arn));
        var policy = stack.add(IamPolicy.of("service-policy").policyName(name + "-service").document(document));
        stack.add(IamRolePolicyAttachment.of("service-access").role(role).policy(policy));

        stack.export("bucket", uploads.output(S3Bucket.Outputs::bucket));
        stack.export("queueUrl", queue.output(SqsQueue.Outputs::url));
        stack.export("topicArn", events.output(SnsTopic.Outputs::arn));
        stack.export("roleArn", role.output(IamRole.Outputs::arn));
    }

    /** Lets the topic (and only it) deliver to the queue; without it SNS cannot send to SQS on AWS. */
    private static final String QUEUE_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\","
            + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"%s\"}}}]}";

    /** Least privilege: the service may use exactly the resources of this stack. */
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"%1$s/*\"},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\",\"dynamodb:Query\"],"
            + "\"Resource\":\"%2$s\"},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"sqs:ReceiveMessage\",\"sqs:DeleteMessage\"],\"Resource\":\"%3$s\"},"
            + "{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\",\"Resource\":\"%4$s\"}]}";

    public static void main(String[] args) {
        System.exit(Converge.cli(new AwsServiceStack()).run(args));
    }
}
