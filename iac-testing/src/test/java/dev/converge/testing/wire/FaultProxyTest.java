package dev.converge.testing.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a counting HTTP server, driven by a raw client that never retries. */
class FaultProxyTest {

    private static final String S3 = "Authorization: AWS4-HMAC-SHA256 Credential=testing/20261204/us-east-1/s3/"
            + "aws4_request, SignedHeaders=host, Signature=00\r\n";

    private Backends backend;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        backend = Backends.plain();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        backend.close();
    }

    private FaultProxy proxy(ErrorStyle style, WireFaults faults) {
        proxy = FaultProxy.to("127.0.0.1", backend.port()).style(style).faults(faults).seed(7).start();
        return proxy;
    }

    @Test
    void withoutFaultsRequestsPassOnOneKeptAliveConnectionAndChunkedAnswersStream() throws IOException {
        proxy(ErrorStyle.PLAIN, WireFaults.none());
        try (Socket socket = Backends.connect(proxy.port())) {
            assertThat(Backends.send(socket, "POST", "/a", "", "hello").body()).isEqualTo("POST /a 5 #1");
            assertThat(Backends.send(socket, "GET", "/b", "", "").body()).isEqualTo("GET /b 0 #2");
            Backends.Answer chunked = Backends.send(socket, "GET", "/chunked", "", "");
            assertThat(chunked.head().chunked()).isTrue();
            assertThat(chunked.body()).contains("part 0;", "part 2;");
        }
        assertThat(proxy.stats()).isEqualTo(new WireStats(3, 3, 0, 3, 0, 0, 0, 0, 0));
    }

    @Test
    void anInjectedStatusIsAnsweredWithoutReachingTheBackendWithRetryAfterInSecondsOrAsADate() throws IOException {
        proxy(ErrorStyle.PLAIN, WireFaults.none().withStatus(1.0, 503, RetryAfterHeader.seconds(3)));
        try (Socket socket = Backends.connect(proxy.port())) {
            Backends.Answer answer = Backends.send(socket, "GET", "/", "", "");
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.head().header("Retry-After")).isEqualTo("3");
            proxy.faults(WireFaults.none().withStatus(1.0, 429, RetryAfterHeader.date(Duration.ofSeconds(5))));
            answer = Backends.send(socket, "GET", "/", "", "");
            assertThat(answer.status()).isEqualTo(429);
            Duration asked = dev.converge.spi.RetryAfter.parse(answer.head().header("Retry-After"), Instant.now())
                    .orElseThrow();
            assertThat(asked).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
        }
        assertThat(backend.requests).hasValue(0);
        assertThat(proxy.stats().statuses()).isEqualTo(2);
    }

    @Test
    void throttlingErrorsLookLikeTheBackendsOwn() throws IOException {
        proxy(ErrorStyle.AWS, WireFaults.none().withThrottling(1.0, RetryAfterHeader.none()));
        try (Socket socket = Backends.connect(proxy.port())) {
            Backends.Answer s3 = Backends.send(socket, "PUT", "/bucket", S3, "");
            assertThat(s3.status()).isEqualTo(503);
            assertThat(s3.body()).contains("<Code>SlowDown</Code>");
            Backends.Answer sqs = Backends.send(socket, "POST", "/", S3.replace("/s3/", "/sqs/")
                    + "X-Amz-Target: AmazonSQS.CreateQueue\r\n", "{}");
            assertThat(sqs.status()).isEqualTo(400);
            assertThat(sqs.body()).contains("\"__type\":\"ThrottlingException\"");
            Backends.Answer ec2 = Backends.send(socket, "POST", "/", S3.replace("/s3/", "/ec2/"), "Action=RunInstances");
            assertThat(ec2.status()).isEqualTo(503);
            assertThat(ec2.body()).contains("<Code>RequestLimitExceeded</Code>");
            Backends.Answer iam = Backends.send(socket, "POST", "/", S3.replace("/s3/", "/iam/"), "Action=CreateRole");
            assertThat(iam.status()).isEqualTo(400);
            assertThat(iam.body()).contains("<Code>Throttling</Code>");
        }
        proxy.close();
        proxy(ErrorStyle.KUBERNETES, WireFaults.none().withThrottling(1.0, RetryAfterHeader.seconds(2)));
        try (Socket socket = Backends.connect(proxy.port())) {
            Backends.Answer k8s = Backends.send(socket, "POST", "/api/v1/namespaces/default/configmaps", "", "{}");
            assertThat(k8s.status()).isEqualTo(429);
            assertThat(k8s.head().header("Retry-After")).isEqualTo("2");
            assertThat(k8s.body()).contains("\"reason\":\"TooManyRequests\"", "\"retryAfterSeconds\":2");
        }
        assertThat(backend.requests).hasValue(0);
    }

    @Test
    void aResetComesAfterTheBackendDidTheWork() throws IOException {
        proxy(ErrorStyle.PLAIN, WireFaults.none().withResets(1.0));
        try (Socket socket = Backends.connect(proxy.port())) {
            assertThat(cutOff(socket, "POST", "/create")).as("no answer reached the client").isTrue();
        }
        assertThat(backend.requests).as("the backend did the work").hasValue(1);
        assertThat(proxy.stats().resets()).isEqualTo(1);
    }

    @Test
    void theRateLimitAdmitsTheRateAndThrottlesTheRest() throws IOException {
        proxy(ErrorStyle.PLAIN, WireFaults.none().withRateLimit(20, 2));
        long start = System.nanoTime();
        int ok = 0;
        int throttled = 0;
        try (Socket socket = Backends.connect(proxy.port())) {
            while (System.nanoTime() - start < 1_000_000_000L) {
                int status = Backends.send(socket, "GET", "/", "", "").status();
                ok += status == 200 ? 1 : 0;
                throttled += status == 429 ? 1 : 0;
            }
        }
        assertThat(ok).as("one token at the start, 20 a second").isBetween(15, 24);
        assertThat(throttled).isPositive();
        assertThat(proxy.stats().admitted()).isEqualTo(ok);
        assertThat(proxy.stats().rateLimited()).isEqualTo(throttled);
        assertThat(backend.requests).hasValue(ok);
    }

    @Test
    void anOutageCutsTheTriggeringRequestRefusesConnectionsAndEnds() throws Exception {
        proxy(ErrorStyle.PLAIN, WireFaults.none().withOutage(2, Duration.ofMillis(1500)));
        try (Socket socket = Backends.connect(proxy.port())) {
            assertThat(Backends.send(socket, "GET", "/", "", "").status()).isEqualTo(200);
            assertThat(cutOff(socket, "GET", "/")).as("the triggering request is cut off").isTrue();
        }
        long outageStarted = System.nanoTime();
        assertThat(refusedWithin(Duration.ofMillis(1000))).as("a new connection refused during the outage").isTrue();
        Thread.sleep(Math.max(0, 1800 - (System.nanoTime() - outageStarted) / 1_000_000));
        try (Socket socket = Backends.connect(proxy.port())) {
            assertThat(Backends.send(socket, "GET", "/", "", "").status()).isEqualTo(200);
        }
        assertThat(backend.requests).hasValue(2);
        assertThat(proxy.stats().outages()).isEqualTo(1);
    }

    /**
     * Whether a connection is refused within {@code limit}. The listener is closed as the outage starts, but a
     * run once saw one more connect succeed right after (in CI, 1 of many runs): the kernel may still hold the
     * listening socket for a moment, e.g. while a process forked at that instant has not closed its copy.
     */
    private boolean refusedWithin(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            try {
                Backends.connect(proxy.port()).close();
            } catch (IOException refused) {
                return refused instanceof ConnectException;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Whether the request got no answer: the connection was reset or closed under it. */
    private static boolean cutOff(Socket socket, String method, String path) {
        try {
            return Backends.send(socket, method, path, "", "x").head() == null;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void latencyIsAddedBeforeEachRequest() throws IOException {
        proxy(ErrorStyle.PLAIN, WireFaults.none().withLatency(Duration.ofMillis(300)));
        long start = System.nanoTime();
        try (Socket socket = Backends.connect(proxy.port())) {
            Backends.send(socket, "GET", "/", "", "");
            Backends.send(socket, "GET", "/", "", "");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void randomFaultsHitTheirShareOfRequests() throws IOException {
        proxy(ErrorStyle.PLAIN, WireFaults.none().withStatus(0.2, 503, RetryAfterHeader.none())
                .withThrottling(0.1, RetryAfterHeader.none()));
        int[] byStatus = new int[600];
        try (Socket socket = Backends.connect(proxy.port())) {
            for (int i = 0; i < 1000; i++) {
                byStatus[Backends.send(socket, "GET", "/", "", "").status()]++;
            }
        }
        assertThat(byStatus[503]).isBetween(160, 240);
        assertThat(byStatus[429]).isBetween(70, 130);
        assertThat(byStatus[200]).isEqualTo(backend.requests.get()).isEqualTo(1000 - byStatus[503] - byStatus[429]);
    }
}
