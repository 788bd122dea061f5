package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code aws:SnsSubscription}: a topic's subscription (for example an SQS queue). The id is the
 * subscription ARN. SNS subscriptions cannot carry tags, so crash recovery cannot find them by tag.
 */
final class SnsSubscriptionHandler extends Handler {

    SnsSubscriptionHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.SNS_SUBSCRIPTION));
    }

    private SnsClient sns() {
        return aws.sns();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String topic = Values.string(inputs, "topicArn");
        Map<String, String> attributes = new LinkedHashMap<>();
        if (Values.bool(inputs, "rawMessageDelivery", false)) {
            attributes.put("RawMessageDelivery", "true");
        }
        Props.putIfPresent(attributes, "FilterPolicy", Values.string(inputs, "filterPolicy"));
        String arn = AwsErrors.call(what("create", topic), () -> sns().subscribe(b -> b.topicArn(topic)
                .protocol(Values.string(inputs, "protocol")).endpoint(Values.string(inputs, "endpoint"))
                .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn());
        return new CreateResponse(arn, outputs(inputs, Map.of("arn", arn)));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String arn = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", arn), () -> {
            if (request.diffs().stream().anyMatch(d -> d.property().equals("rawMessageDelivery"))) {
                sns().setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("RawMessageDelivery")
                        .attributeValue(String.valueOf(Values.bool(desired, "rawMessageDelivery", false))));
            }
            if (request.diffs().stream().anyMatch(d -> d.property().equals("filterPolicy"))) {
                String policy = Values.string(desired, "filterPolicy");
                sns().setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy")
                        .attributeValue(policy == null ? "" : policy));
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("arn", arn)));
    }

    @Override
    Optional<Map<String, Object>> observe(String arn, Map<String, Object> prior) {
        try {
            Map<String, String> attributes = sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn))
                    .attributes();
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("topicArn", attributes.get("TopicArn"));
            all.put("protocol", attributes.get("Protocol"));
            all.put("endpoint", attributes.get("Endpoint"));
            all.put("rawMessageDelivery", Boolean.parseBoolean(attributes.getOrDefault("RawMessageDelivery", "false")));
            String filter = attributes.get("FilterPolicy");
            if (filter != null && !filter.isBlank()) {
                all.put("filterPolicy", Props.keepDeclaredJson(Values.string(prior, "filterPolicy"), filter));
            }
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
        if (observe(arn, Map.of()).isEmpty()) {
            return false;
        }
        AwsErrors.run(what("delete", arn), () -> sns().unsubscribe(b -> b.subscriptionArn(arn)));
        return true;
    }
}
