package dev.converge.examples.aws;

import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.providers.aws.S3Bucket;
import dev.converge.providers.aws.SqsQueue;

/**
 * The Converge half of the side-by-side benchmark with Terraform ({@code bench/terraform-aws/}): 20
 * versioned, tagged S3 buckets and 20 tagged SQS queues, the same objects as {@code main.tf}.
 *
 * <p>Configuration: {@code bench.prefix} (default {@code cvbench}) and {@code bench.revision} (default
 * {@code 1}, the {@code revision} tag of bucket 0; change it for the one-change apply, for example with
 * the environment variable {@code CONVERGE_BENCH_REVISION}).
 */
public final class AwsBenchStack implements Program {

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

    public static void main(String[] args) {
        System.exit(Converge.cli(new AwsBenchStack()).run(args));
    }
}
