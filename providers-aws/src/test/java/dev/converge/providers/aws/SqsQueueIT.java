package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.ReplacementOrder;
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
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** aws:SqsQueue against moto: attributes, FIFO, dead-letter redrive, drift, replace, import. */
class SqsQueueIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String T = AwsSchemas.SQS_QUEUE;
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
    void queueWithDeadLetterQueueLifecycle() {
        CreateResponse dlq = provider.create(Moto.create(T, "dlq", Map.of("queueName", "it-orders-dlq")));
        assertThat(dlq.outputs().get("arn").toString()).endsWith(":it-orders-dlq");
        Map<String, Object> inputs = Map.of("queueName", "it-orders", "visibilityTimeout", 45L,
                "deadLetterTargetArn", dlq.outputs().get("arn"), "maxReceiveCount", 3L, "tags", Map.of("team", "ops"));
        CreateResponse queue = provider.create(Moto.create(T, "orders", inputs));
        assertThat(queue.id()).startsWith("http").endsWith("/it-orders");
        Map<String, Object> prior = Moto.create(T, "orders", inputs).inputs();

        ReadResponse read = provider.read(Moto.read(T, "orders", queue.id(), prior, queue.outputs()));
        assertThat(read.inputs()).isEqualTo(prior);
        assertThat(Moto.diff(provider, T, read.inputs(), inputs).hasChanges()).isFalse();

        Map<String, Object> desired = Map.of("queueName", "it-orders", "visibilityTimeout", 90L,
                "tags", Map.of("team", "dev"));
        var update = Moto.update(provider, T, "orders", queue.id(), read.inputs(), queue.outputs(), desired);
        assertThat(update.diffs()).noneMatch(d -> d.forcesReplacement());
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(T, "orders", queue.id(), update.desiredInputs(), queue.outputs()));
        assertThat(after.inputs()).containsEntry("visibilityTimeout", 90L)
                .containsEntry("tags", Map.of("team", "dev")).doesNotContainKey("deadLetterTargetArn");
        Map<String, String> live = aws.sqs().listQueueTags(b -> b.queueUrl(queue.id())).tags();
        assertThat(live).containsKey(Ownership.STACK_LABEL);

        assertThat(provider.delete(Moto.delete(T, "orders", queue.id(), queue.outputs())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(T, "orders", queue.id(), prior, Map.of())).exists()).isFalse();
        assertThat(provider.delete(Moto.delete(T, "orders", queue.id(), queue.outputs())).alreadyGone()).isTrue();
    }

    @Test
    void fifoQueue() {
        CreateResponse fifo = provider.create(Moto.create(T, "jobs", Map.of("queueName", "it-jobs.fifo", "fifo", true,
                "contentBasedDeduplication", true)));
        ReadResponse read = provider.read(Moto.read(T, "jobs", fifo.id(), Map.of(), fifo.outputs()));
        assertThat(read.inputs()).containsEntry("fifo", true).containsEntry("contentBasedDeduplication", true);
    }

    @Test
    void outOfBandAttributeChangeIsDrift() {
        Map<String, Object> inputs = Map.of("queueName", "it-drift", "visibilityTimeout", 30L);
        CreateResponse queue = provider.create(Moto.create(T, "drift", inputs));
        aws.sqs().setQueueAttributes(b -> b.queueUrl(queue.id())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")));
        ReadResponse read = provider.read(Moto.read(T, "drift", queue.id(), Moto.create(T, "drift", inputs).inputs(),
                queue.outputs()));
        assertThat(Moto.diff(provider, T, read.inputs(), inputs).diffs()).singleElement()
                .satisfies(d -> assertThat(d.path()).isEqualTo("visibilityTimeout"));
        aws.sqs().deleteQueue(b -> b.queueUrl(queue.id()));
        assertThat(provider.read(Moto.read(T, "drift", queue.id(), inputs, queue.outputs())).exists()).isFalse();
    }

    @Test
    void renameOrFifoReplacesDeleteBeforeCreate() {
        var diff = Moto.diff(provider, T, Moto.create(T, "q", Map.of("queueName", "a")).inputs(),
                Map.of("queueName", "b"));
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThat(Moto.diff(provider, T, Moto.create(T, "q", Map.of("queueName", "a")).inputs(),
                Map.of("queueName", "a", "fifo", true)).requiresReplacement()).isTrue();
    }

    @Test
    void importByNameOrUrlAndFindOwned() {
        String url = aws.sqs().createQueue(b -> b.queueName("it-legacy")).queueUrl();
        var byName = provider.importResource(new ImportRequest(Moto.address("legacy"), T, "it-legacy",
                new Ownership(Moto.STACK, Moto.address("legacy"))));
        assertThat(byName.exists()).isTrue();
        assertThat(byName.id()).isEqualTo(url);
        assertThat(byName.inputs()).containsEntry("queueName", "it-legacy");
        assertThat(provider.importResource(new ImportRequest(Moto.address("l"), T, url,
                new Ownership(Moto.STACK, Moto.address("l")))).id()).isEqualTo(url);
        assertThat(provider.importResource(new ImportRequest(Moto.address("n"), T, "it-none",
                new Ownership(Moto.STACK, Moto.address("n")))).exists()).isFalse();

        CreateResponse owned = provider.create(Moto.create(T, "owned", Map.of("queueName", "it-owned")));
        var found = provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(T))).objects();
        assertThat(found).anyMatch(o -> o.id().equals(owned.id()) && o.address().equals(Moto.address("owned")));
        assertThat(found).noneMatch(o -> o.id().equals(url));
    }

    @Test
    void readManyReadsEachQueueAndReportsDeletedOnesGone() {
        java.util.List<dev.converge.spi.ReadRequest> reads = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> inputs = Map.of("queueName", "it-many-" + i, "tags", Map.of("i", String.valueOf(i)));
            CreateResponse queue = provider.create(Moto.create(T, "many-" + i, inputs));
            reads.add(Moto.read(T, "many-" + i, queue.id(), Moto.create(T, "many-" + i, inputs).inputs(), Map.of()));
        }
        aws.sqs().deleteQueue(b -> b.queueUrl(reads.get(2).id()));
        var results = provider.readMany(new dev.converge.spi.ReadManyRequest(T, reads)).results();
        assertThat(results).hasSize(5);
        for (int i = 0; i < 5; i++) {
            ReadResponse one = results.get(Moto.address("many-" + i));
            assertThat(one.exists()).isEqualTo(i != 2);
            if (i != 2) {
                assertThat(one.inputs()).containsEntry("tags", Map.of("i", String.valueOf(i)));
            }
        }
    }

    @Test
    void accessPolicyIsComparedAsJson() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
        Map<String, Object> inputs = Map.of("queueName", "it-policy", "policy", policy);
        CreateResponse queue = provider.create(Moto.create(T, "policy", inputs));
        Map<String, Object> prior = Moto.create(T, "policy", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(T, "policy", queue.id(), prior, queue.outputs()));
        assertThat(Moto.diff(provider, T, read.inputs(), inputs).hasChanges()).isFalse();
        var update = Moto.update(provider, T, "policy", queue.id(), read.inputs(), queue.outputs(),
                Map.of("queueName", "it-policy"));
        provider.update(update);
        assertThat(provider.read(Moto.read(T, "policy", queue.id(), Map.of(), Map.of())).inputs())
                .doesNotContainKey("policy");
    }
}
