package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/** {@code aws:SnsTopic}: a standard or FIFO topic. The id is the topic ARN; import accepts the ARN. */
final class SnsTopicHandler extends Handler {

    SnsTopicHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.SNS_TOPIC));
    }

    private SnsClient sns() {
        return aws.sns();
    }

    /** CreateTopic of an existing topic with the same attributes and tags returns it: a retried create finds what an earlier attempt made. */
    @Override
    public boolean idempotentCreate() {
        return true;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "topicName");
        Map<String, String> attributes = new LinkedHashMap<>();
        if (Values.bool(inputs, "fifo", false)) {
            attributes.put("FifoTopic", "true");
        }
        Props.putIfPresent(attributes, "DisplayName", Values.string(inputs, "displayName"));
        String arn = AwsErrors.call(what("create", name), () -> sns().createTopic(b -> b.name(name)
                .attributes(attributes).tags(toTags(Props.tagsWithOwner(inputs, request.owner())))).topicArn());
        return new CreateResponse(arn, outputs(inputs, Map.of("arn", arn)));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String arn = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", arn), () -> {
            if (request.diffs().stream().anyMatch(d -> d.property().equals("displayName"))) {
                String display = Values.string(desired, "displayName");
                sns().setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName")
                        .attributeValue(display == null ? "" : display));
            }
            if (request.diffs().stream().anyMatch(d -> d.property().equals("tags"))) {
                Props.TagChange change = Props.tagChange(tagsOf(arn), Props.userTags(desired));
                if (!change.remove().isEmpty()) {
                    sns().untagResource(b -> b.resourceArn(arn).tagKeys(change.remove()));
                }
                if (!change.set().isEmpty()) {
                    sns().tagResource(b -> b.resourceArn(arn).tags(toTags(change.set())));
                }
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("arn", arn)));
    }

    @Override
    Optional<Map<String, Object>> observe(String arn, Map<String, Object> prior) {
        try {
            Map<String, String> attributes = sns().getTopicAttributes(b -> b.topicArn(arn)).attributes();
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("topicName", arn.substring(arn.lastIndexOf(':') + 1));
            all.put("fifo", Boolean.parseBoolean(attributes.getOrDefault("FifoTopic", "false")));
            String display = attributes.get("DisplayName");
            if (display != null && !display.isEmpty()) {
                all.put("displayName", display);
            }
            all.put("tags", Props.visibleTags(tagsOf(arn)));
            all.put("arn", arn);
            return Optional.of(all);
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", arn), e);
        }
    }

    @Override
    boolean remove(String arn, Map<String, Object> outputs) {
        // DeleteTopic is idempotent in SNS: check first so that "already gone" is reported truthfully.
        if (observe(arn, Map.of("topicName", "")).isEmpty()) {
            return false;
        }
        AwsErrors.run(what("delete", arn), () -> sns().deleteTopic(b -> b.topicArn(arn)));
        return true;
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list SNS topics", () -> sns().listTopicsPaginator().topics().stream()
                .map(Topic::topicArn).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        sns().listTagsForResource(b -> b.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }
}
