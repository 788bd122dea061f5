package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The provider's SDK clients send a call again after a server error only when sending it twice is harmless:
 * against a server whose first answer to each kind of call is {@code 503}, a read and a tag write are answered
 * on their second request, a create fails after its first (the engine retries it, where it can adopt).
 */
class SafeSdkRetriesTest {

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private AwsClients clients;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        clients = AwsClients.forProvider(AwsSettings.from(Map.of("aws.endpoint", endpoint, "aws.region", "us-east-1",
                "aws.accessKeyId", "testing", "aws.secretAccessKey", "testing"), Map.of()));
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop(0);
    }

    /** The first request of each kind (method and query) gets 503, every later one 200. */
    private void answer(HttpExchange exchange) throws IOException {
        String kind = exchange.getRequestMethod() + " " + (exchange.getRequestURI().getQuery() == null ? ""
                : exchange.getRequestURI().getQuery());
        int seen = requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(seen == 1 ? 503 : 200, -1);
        exchange.close();
    }

    @Test
    void aReadAndATagWriteAreSentAgainACreateIsNot() {
        clients.s3().headBucket(b -> b.bucket("bucket-1"));
        assertThat(requests.get("HEAD ")).as("head bucket: 503, then 200").hasValue(2);

        clients.s3().putBucketTagging(b -> b.bucket("bucket-1").tagging(t -> t.tagSet(s -> s.key("k").value("v"))));
        assertThat(requests.get("PUT tagging")).as("put bucket tagging: 503, then 200").hasValue(2);

        assertThatThrownBy(() -> clients.s3().createBucket(b -> b.bucket("bucket-1")))
                .isInstanceOf(AwsServiceException.class).extracting(e -> ((AwsServiceException) e).statusCode())
                .isEqualTo(503);
        assertThat(requests.get("PUT ")).as("create bucket: its 503 reaches the engine").hasValue(1);
    }

    @Test
    void operationsAreJudgedByTheirVerb() {
        assertThat(ResendableCalls.resendable("GetQueueUrl")).isTrue();
        assertThat(ResendableCalls.resendable("ListTagsForResource")).isTrue();
        assertThat(ResendableCalls.resendable("SetQueueAttributes")).isTrue();
        assertThat(ResendableCalls.resendable("CreateTopic")).isFalse();
        assertThat(ResendableCalls.resendable("PutObject")).as("not an overwrite of a whole attribute set").isFalse();
        assertThat(ResendableCalls.resendable("Getaway")).isFalse();
    }
}
