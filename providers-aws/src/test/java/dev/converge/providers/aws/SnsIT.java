package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadResponse;
import dev.converge.testing.RequiredServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.model.Tag;

/** aws:SnsTopic and aws:SnsSubscription against moto. */
class SnsIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String TOPIC = AwsSchemas.SNS_TOPIC;
    private static final String SUB = AwsSchemas.SNS_SUBSCRIPTION;
    private static AwsProvider provider;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        Moto.reset();
        provider = Moto.provider();
        aws = Moto.clients();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider, aws);
    }

    @Test
    void topicLifecycleWithDriftAndImport() {
        Map<String, Object> inputs = Map.of("topicName", "it-events", "displayName", "Events", "tags", Map.of("a", "1"));
        CreateResponse topic = provider.create(Moto.create(TOPIC, "events", inputs));
        assertThat(topic.id()).startsWith("arn:aws:sns:").endsWith(":it-events");
        Map<String, Object> prior = Moto.create(TOPIC, "events", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(TOPIC, "events", topic.id(), prior, topic.outputs()));
        assertThat(read.inputs()).isEqualTo(prior);

        Map<String, Object> desired = Map.of("topicName", "it-events", "displayName", "All events",
                "tags", Map.of("b", "2"));
        var update = Moto.update(provider, TOPIC, "events", topic.id(), read.inputs(), topic.outputs(), desired);
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(TOPIC, "events", topic.id(), update.desiredInputs(), Map.of()));
        assertThat(after.inputs()).containsEntry("displayName", "All events").containsEntry("tags", Map.of("b", "2"));

        aws.sns().tagResource(b -> b.resourceArn(topic.id()).tags(Tag.builder().key("b").value("changed").build()));
        ReadResponse drifted = provider.read(Moto.read(TOPIC, "events", topic.id(), update.desiredInputs(), Map.of()));
        assertThat(Moto.diff(provider, TOPIC, drifted.inputs(), desired).diffs()).extracting(d -> d.path())
                .containsExactly("tags.b");

        var imported = provider.importResource(new ImportRequest(Moto.address("events"), TOPIC, topic.id(),
                new Ownership(Moto.STACK, Moto.address("events"))));
        assertThat(imported.inputs()).containsEntry("topicName", "it-events");
        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(TOPIC))).objects())
                .anyMatch(o -> o.id().equals(topic.id()));

        assertThat(Moto.diff(provider, TOPIC, prior, Map.of("topicName", "other")).requiresReplacement()).isTrue();
        assertThat(provider.delete(Moto.delete(TOPIC, "events", topic.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(TOPIC, "events", topic.id(), prior, Map.of())).exists()).isFalse();
        assertThat(provider.delete(Moto.delete(TOPIC, "events", topic.id(), Map.of())).alreadyGone()).isTrue();
    }

    @Test
    void queueSubscriptionLifecycle() {
        CreateResponse topic = provider.create(Moto.create(TOPIC, "t", Map.of("topicName", "it-orders")));
        String queueUrl = aws.sqs().createQueue(b -> b.queueName("it-sub-queue")).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        Map<String, Object> inputs = Map.of("topicArn", topic.id(), "protocol", "sqs", "endpoint", queueArn);
        CreateResponse sub = provider.create(Moto.create(SUB, "s", inputs));
        Map<String, Object> prior = Moto.create(SUB, "s", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(SUB, "s", sub.id(), prior, sub.outputs()));
        assertThat(read.inputs()).isEqualTo(prior);

        String filter = "{\"kind\": [\"order\"]}";
        Map<String, Object> desired = Map.of("topicArn", topic.id(), "protocol", "sqs", "endpoint", queueArn,
                "rawMessageDelivery", true, "filterPolicy", filter);
        var update = Moto.update(provider, SUB, "s", sub.id(), read.inputs(), sub.outputs(), desired);
        assertThat(update.diffs()).noneMatch(d -> d.forcesReplacement());
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(SUB, "s", sub.id(), update.desiredInputs(), Map.of()));
        assertThat(Moto.diff(provider, SUB, after.inputs(), desired).hasChanges()).isFalse();

        assertThat(Moto.diff(provider, SUB, prior, Map.of("topicArn", topic.id(), "protocol", "sqs",
                "endpoint", "arn:aws:sqs:us-east-1:123456789012:other")).requiresReplacement()).isTrue();
        assertThat(provider.delete(Moto.delete(SUB, "s", sub.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(SUB, "s", sub.id(), prior, Map.of())).exists()).isFalse();
    }
}
