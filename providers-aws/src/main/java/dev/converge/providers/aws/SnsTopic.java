package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/** An SNS topic ({@code aws:SnsTopic}); the topic name defaults to the resource name. */
public final class SnsTopic extends ResourceArgs<SnsTopic, SnsTopic.Outputs> {

    /** The topic: its ARN ({@code id} and {@code arn}), name and tags. */
    public record Outputs(String id, String arn, String topicName, Map<String, String> tags) {
    }

    private SnsTopic(Declaration declaration) {
        super(declaration);
    }

    public static SnsTopic of(String name) {
        return new SnsTopic(Declaration.of(AwsSchemas.SNS_TOPIC, name)).topicName(name);
    }

    public SnsTopic topicName(Object name) {
        return with("topicName", name);
    }

    /** A FIFO topic; the name must end in {@code .fifo}. */
    public SnsTopic fifo(boolean fifo) {
        return with("fifo", fifo);
    }

    public SnsTopic displayName(Object name) {
        return with("displayName", name);
    }

    public SnsTopic tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected SnsTopic wrap(Declaration next) {
        return new SnsTopic(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "arn"), Out.str(values, "topicName"),
                Out.tags(values));
    }
}
