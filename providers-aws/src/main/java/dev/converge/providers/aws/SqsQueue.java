package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * An SQS queue ({@code aws:SqsQueue}). The queue name defaults to the resource name; FIFO queues need
 * a name ending in {@code .fifo}. A dead-letter queue is set with {@link #deadLetterQueue}.
 *
 * <pre>{@code
 * var dlq = stack.add(SqsQueue.of("orders-dlq"));
 * stack.add(SqsQueue.of("orders").visibilityTimeout(60).deadLetterQueue(dlq, 5));
 * }</pre>
 */
public final class SqsQueue extends ResourceArgs<SqsQueue, SqsQueue.Outputs> {

    /** The queue: its URL ({@code id} and {@code url}), ARN, name and tags. */
    public record Outputs(String id, String url, String arn, String queueName, Map<String, String> tags) {
    }

    private SqsQueue(Declaration declaration) {
        super(declaration);
    }

    public static SqsQueue of(String name) {
        return new SqsQueue(Declaration.of(AwsSchemas.SQS_QUEUE, name)).queueName(name);
    }

    public SqsQueue queueName(Object name) {
        return with("queueName", name);
    }

    /** A FIFO queue (exactly-once, ordered); the name must end in {@code .fifo}. */
    public SqsQueue fifo(boolean fifo) {
        return with("fifo", fifo);
    }

    public SqsQueue contentBasedDeduplication(boolean enabled) {
        return with("contentBasedDeduplication", enabled);
    }

    public SqsQueue visibilityTimeout(long seconds) {
        return with("visibilityTimeout", seconds);
    }

    public SqsQueue messageRetentionSeconds(long seconds) {
        return with("messageRetentionSeconds", seconds);
    }

    public SqsQueue delaySeconds(long seconds) {
        return with("delaySeconds", seconds);
    }

    public SqsQueue receiveWaitTimeSeconds(long seconds) {
        return with("receiveWaitTimeSeconds", seconds);
    }

    public SqsQueue maxMessageSize(long bytes) {
        return with("maxMessageSize", bytes);
    }

    /** Moves messages to {@code deadLetterQueue} after {@code maxReceiveCount} failed receives. */
    public SqsQueue deadLetterQueue(Ref<Outputs> deadLetterQueue, long maxReceiveCount) {
        return deadLetterTargetArn(deadLetterQueue.output(Outputs::arn), maxReceiveCount);
    }

    /** As {@link #deadLetterQueue}, with the dead-letter queue's ARN (plain or an output). */
    public SqsQueue deadLetterTargetArn(Object arn, long maxReceiveCount) {
        return with("deadLetterTargetArn", arn).with("maxReceiveCount", maxReceiveCount);
    }

    /** The queue's access policy as JSON (plain or an output), for example to let a topic deliver. */
    public SqsQueue policy(Object json) {
        return with("policy", json);
    }

    public SqsQueue tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected SqsQueue wrap(Declaration next) {
        return new SqsQueue(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "url"), Out.str(values, "arn"),
                Out.str(values, "queueName"), Out.tags(values));
    }
}
