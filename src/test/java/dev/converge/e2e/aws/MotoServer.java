package dev.converge.e2e.aws;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import dev.converge.testing.RequiredServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The moto server these end-to-end tests run against, named by {@code AWS_ENDPOINT_URL} (start it with
 * {@code eval "$(scripts/aws/start-moto.sh)"}). Without it the tests skip, or fail under
 * {@code CONVERGE_REQUIRE_SERVERS=1} ({@link RequiredServer}); a server that does not answer fails them.
 * Also makes the SDK clients the tests use to look at and tamper with what the engine made.
 */
final class MotoServer {

    static final String REGION = "us-east-1";
    static final String KEY = "testing";

    private MotoServer() {
    }

    /** moto's URL; skips or fails the calling test without {@code AWS_ENDPOINT_URL} (see {@link RequiredServer}). */
    static String endpoint() {
        return RequiredServer.MOTO.value();
    }

    /** Clears every object in moto, so each test starts on empty data; fails if moto does not answer. */
    static void reset() {
        String url = endpoint();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                fail("moto at " + url + " answered HTTP " + response.statusCode() + " to reset: " + response.body());
            }
        } catch (IOException e) {
            throw RequiredServer.MOTO.notAnswering(url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while resetting moto");
        }
    }

    /** Writes {@code converge.<stack>.properties} pointing the aws provider at moto, plus {@code extra}. */
    static void writeStackConfig(Path workDir, String stack, boolean withCredentials, Map<String, String> extra)
            throws IOException {
        Map<String, String> config = new TreeMap<>(Map.of("aws.endpoint", endpoint(), "aws.region", REGION));
        if (withCredentials) {
            config.put("aws.accessKeyId", KEY);
            config.put("aws.secretAccessKey", KEY);
        }
        config.putAll(extra);
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(workDir.resolve("converge." + stack + ".properties"), text, StandardCharsets.UTF_8);
    }

    static SqsClient sqs() {
        return SqsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3Client s3() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                .forcePathStyle(true).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY));
    }
}
