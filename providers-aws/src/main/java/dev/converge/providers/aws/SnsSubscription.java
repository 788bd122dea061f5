package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * A subscription of an SNS topic ({@code aws:SnsSubscription}), for example an SQS queue:
 *
 * <pre>{@code stack.add(SnsSubscription.of("orders-to-queue").topic(topic).queue(queue))}</pre>
 */
public final class SnsSubscription extends ResourceArgs<SnsSubscription, SnsSubscription.Outputs> {

    /** The subscription's ARN ({@code id} and {@code arn}). */
    public record Outputs(String id, String arn, String topicArn, String protocol, String endpoint) {
    }

    private SnsSubscription(Declaration declaration) {
        super(declaration);
    }

    public static SnsSubscription of(String name) {
        return new SnsSubscription(Declaration.of(AwsSchemas.SNS_SUBSCRIPTION, name));
    }

    public SnsSubscription topic(Ref<SnsTopic.Outputs> topic) {
        return topicArn(topic.output(SnsTopic.Outputs::arn));
    }

    public SnsSubscription topicArn(Object arn) {
        return with("topicArn", arn);
    }

    /** Delivers to an SQS queue (protocol {@code sqs}, endpoint the queue's ARN). */
    public SnsSubscription queue(Ref<SqsQueue.Outputs> queue) {
        return protocol("sqs").endpoint(queue.output(SqsQueue.Outputs::arn));
    }

    public SnsSubscription protocol(String protocol) {
        return with("protocol", protocol);
    }

    public SnsSubscription endpoint(Object endpoint) {
        return with("endpoint", endpoint);
    }

    public SnsSubscription rawMessageDelivery(boolean raw) {
        return with("rawMessageDelivery", raw);
    }

    /** A JSON filter policy. */
    public SnsSubscription filterPolicy(Object json) {
        return with("filterPolicy", json);
    }

    @Override
    protected SnsSubscription wrap(Declaration next) {
        return new SnsSubscription(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "arn"), Out.str(values, "topicArn"),
                Out.str(values, "protocol"), Out.str(values, "endpoint"));
    }
}
