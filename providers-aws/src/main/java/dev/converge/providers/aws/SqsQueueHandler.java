package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code aws:SqsQueue}: a standard or FIFO queue with its attributes and an optional dead-letter
 * redrive. The id is the queue URL; import accepts the URL or the queue name.
 */
final class SqsQueueHandler extends Handler {

    /** Numeric properties and the SQS attribute each maps to. */
    private static final Map<String, QueueAttributeName> NUMBERS = Map.of(
            "visibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "messageRetentionSeconds", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "delaySeconds", QueueAttributeName.DELAY_SECONDS,
            "receiveWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "maxMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE);

    SqsQueueHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.SQS_QUEUE));
    }

    private SqsClient sqs() {
        return aws.sqs();
    }

    /** CreateQueue of an existing queue with the same attributes returns it: a retried create finds what an earlier attempt made. */
    @Override
    public boolean idempotentCreate() {
        return true;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "queueName");
        Map<QueueAttributeName, String> attributes = attributes(inputs, true);
        String url = AwsErrors.call(what("create", name), () -> sqs().createQueue(b -> b.queueName(name)
                .attributes(attributes).tags(Props.tagsWithOwner(inputs, request.owner()))).queueUrl());
        String arn = AwsErrors.call(what("read", name), () -> sqs().getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
        return new CreateResponse(url, outputs(inputs, Map.of("url", url, "arn", arn)));
    }

    /** The SQS attributes for the declared properties; on update, cleared ones are reset. */
    static Map<QueueAttributeName, String> attributes(Map<String, Object> inputs, boolean creating) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (creating && Values.bool(inputs, "fifo", false)) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        NUMBERS.forEach((property, attribute) -> {
            if (inputs.get(property) != null) {
                attributes.put(attribute, String.valueOf(Values.number(inputs, property, 0)));
            }
        });
        if (inputs.get("contentBasedDeduplication") != null) {
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    String.valueOf(Values.bool(inputs, "contentBasedDeduplication", false)));
        }
        String policy = Values.string(inputs, "policy");
        if (policy != null || !creating) {
            attributes.put(QueueAttributeName.POLICY, policy == null ? "" : policy);
        }
        String dlq = Values.string(inputs, "deadLetterTargetArn");
        if (dlq != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq
                    + "\",\"maxReceiveCount\":" + Values.number(inputs, "maxReceiveCount", 5) + "}");
        } else if (!creating) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "");
        }
        return attributes;
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String url = request.id();
        Map<String, Object> desired = request.desiredInputs();
        // Only the attributes of changed properties are sent, so unmanaged attributes are left alone.
        Set<QueueAttributeName> changed = request.diffs().stream().map(d -> attributeOf(d.property()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>(attributes(desired, false));
        attributes.keySet().retainAll(changed);
        if (!attributes.isEmpty()) {
            AwsErrors.run(what("update", url), () -> sqs().setQueueAttributes(b -> b.queueUrl(url)
                    .attributes(attributes)));
        }
        if (request.diffs().stream().anyMatch(d -> d.property().equals("tags"))) {
            AwsErrors.run(what("tag", url), () -> {
                Map<String, String> live = sqs().listQueueTags(b -> b.queueUrl(url)).tags();
                Props.TagChange change = Props.tagChange(live, Props.userTags(desired));
                if (!change.remove().isEmpty()) {
                    sqs().untagQueue(b -> b.queueUrl(url).tagKeys(change.remove()));
                }
                if (!change.set().isEmpty()) {
                    sqs().tagQueue(b -> b.queueUrl(url).tags(change.set()));
                }
            });
        }
        return new UpdateResponse(outputs(desired, Map.of("url", url,
                "arn", Values.string(request.priorOutputs(), "arn"))));
    }

    /** The SQS attribute a property is stored in, or null for tags and computed values. */
    static QueueAttributeName attributeOf(String property) {
        return switch (property) {
            case "contentBasedDeduplication" -> QueueAttributeName.CONTENT_BASED_DEDUPLICATION;
            case "deadLetterTargetArn", "maxReceiveCount" -> QueueAttributeName.REDRIVE_POLICY;
            case "policy" -> QueueAttributeName.POLICY;
            default -> NUMBERS.get(property);
        };
    }

    @Override
    Optional<Map<String, Object>> observe(String url, Map<String, Object> prior) {
        try {
            Map<String, String> attributes = sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
            Map<String, String> tags = sqs().listQueueTags(b -> b.queueUrl(url)).tags();
            Map<String, Object> all = fromAttributes(url, attributes, tags);
            if (all.get("policy") instanceof String observed) {
                all.put("policy", Props.keepDeclaredJson(Values.string(prior, "policy"), observed));
            }
            return Optional.of(all);
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", url), e);
        }
    }

    static Map<String, Object> fromAttributes(String url, Map<String, String> attributes, Map<String, String> tags) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("queueName", url.substring(url.lastIndexOf('/') + 1));
        all.put("fifo", Boolean.parseBoolean(attributes.getOrDefault("FifoQueue", "false")));
        NUMBERS.forEach((property, attribute) -> Props.putIfPresent(all, property,
                Props.longOrNull(attributes.get(attribute.toString()))));
        if (attributes.containsKey("ContentBasedDeduplication")) {
            all.put("contentBasedDeduplication", Boolean.parseBoolean(attributes.get("ContentBasedDeduplication")));
        }
        String redrive = attributes.get("RedrivePolicy");
        if (redrive != null && !redrive.isBlank()) {
            var json = software.amazon.awssdk.protocols.jsoncore.JsonNodeParser.create().parse(redrive).asObject();
            all.put("deadLetterTargetArn", json.get("deadLetterTargetArn").text());
            var count = json.get("maxReceiveCount");
            all.put("maxReceiveCount", Long.parseLong(count.isNumber() ? count.asNumber() : count.text()));
        }
        String policy = attributes.get("Policy");
        if (policy != null && !policy.isBlank()) {
            all.put("policy", policy);
        }
        all.put("tags", Props.visibleTags(tags));
        all.put("url", url);
        all.put("arn", attributes.get("QueueArn"));
        return all;
    }

    @Override
    boolean remove(String url, Map<String, Object> outputs) {
        try {
            sqs().deleteQueue(b -> b.queueUrl(url));
            return true;
        } catch (QueueDoesNotExistException e) {
            return false;
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            throw AwsErrors.translate(what("delete", url), e);
        }
    }

    @Override
    String canonicalId(String userId) {
        if (userId.startsWith("http://") || userId.startsWith("https://")) {
            return userId;
        }
        try {
            return sqs().getQueueUrl(b -> b.queueName(userId)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return null;
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return null;
            }
            throw AwsErrors.translate(what("find", userId), e);
        }
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list SQS queues", () -> new ArrayList<>(sqs().listQueuesPaginator(b -> b.maxResults(1000))
                .queueUrls().stream().toList()));
    }

    @Override
    Map<String, String> tagsOf(String url) {
        return AwsErrors.call(what("read tags of", url), () -> sqs().listQueueTags(b -> b.queueUrl(url)).tags());
    }
}
