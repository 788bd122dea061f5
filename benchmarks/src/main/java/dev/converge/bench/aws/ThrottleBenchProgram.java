package dev.converge.bench.aws;

import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.providers.aws.S3Bucket;
import dev.converge.providers.aws.SnsTopic;
import dev.converge.providers.aws.SqsQueue;

/**
 * The Converge half of the throttling benchmark ({@code bench/throttle-aws}): 300 AWS objects, 100 tagged S3
 * buckets, 100 tagged SQS queues and 100 tagged SNS topics, the same objects as {@code bench/throttle-aws/main.tf}.
 * Configuration: {@code bench.prefix} (default {@code cvthr}).
 */
final class ThrottleBenchProgram implements Program {

    /** Objects of each kind. */
    static final int COUNT = 100;

    @Override
    public void define(Stack stack) {
        String prefix = stack.config().get("bench.prefix", "cvthr");
        for (int i = 0; i < COUNT; i++) {
            stack.add(S3Bucket.of("bucket-" + i).bucket(prefix + "-bucket-" + i).tag("team", "bench"));
            stack.add(SqsQueue.of("queue-" + i).queueName(prefix + "-queue-" + i).tag("team", "bench"));
            stack.add(SnsTopic.of("topic-" + i).topicName(prefix + "-topic-" + i).tag("team", "bench"));
        }
    }
}
