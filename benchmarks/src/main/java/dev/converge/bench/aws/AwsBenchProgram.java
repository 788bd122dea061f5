package dev.converge.bench.aws;

import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.providers.aws.S3Bucket;
import dev.converge.providers.aws.SqsQueue;

/**
 * The Converge half of the side-by-side benchmark with Terraform ({@code bench/terraform-aws/main.tf}):
 * 20 versioned, tagged S3 buckets and 20 tagged SQS queues, the same objects as the Terraform
 * configuration (and as {@code examples}' {@code AwsBenchStack}, kept here so the benchmark's classpath
 * holds only the engine and the AWS provider).
 *
 * <p>Configuration: {@code bench.prefix} (default {@code cvbench}) and {@code bench.revision} (default
 * {@code 1}: the {@code revision} tag of bucket 0; the one-change apply sets
 * {@code CONVERGE_BENCH_REVISION=2}).
 */
final class AwsBenchProgram implements Program {

    /** Buckets and queues, each; as {@code count} in {@code main.tf}. */
    static final int COUNT = 20;

    @Override
    public void define(Stack stack) {
        String prefix = stack.config().get("bench.prefix", "cvbench");
        String revision = stack.config().get("bench.revision", "1");
        for (int i = 0; i < COUNT; i++) {
            stack.add(S3Bucket.of("bucket-" + i).bucket(prefix + "-bucket-" + i).versioning(true)
                    .tag("team", "bench").tag("index", String.valueOf(i)).tag("revision", i == 0 ? revision : "1"));
            stack.add(SqsQueue.of("queue-" + i).queueName(prefix + "-queue-" + i)
                    .tag("team", "bench").tag("index", String.valueOf(i)));
        }
    }
}
