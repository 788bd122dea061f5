package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.fail;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.Values;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The moto server the integration tests run against: its URL comes from {@code AWS_ENDPOINT_URL}
 * (start it with {@code eval "$(scripts/aws/start-moto.sh)"}). A missing or unreachable server fails the
 * test; it is never skipped.
 */
final class Moto {

    static final String STACK = "it";
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Moto() {
    }

    /** The endpoint, after checking that moto answers; fails the test otherwise. */
    static String endpoint() {
        String url = System.getenv("AWS_ENDPOINT_URL");
        if (url == null || url.isBlank()) {
            fail("AWS_ENDPOINT_URL is not set: start moto with `eval \"$(scripts/aws/start-moto.sh)\"`"
                    + " before running the AWS integration tests");
        }
        return url.strip();
    }

    /** Clears every object in moto; call once per test class. */
    static void reset() {
        String url = endpoint();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                fail("moto at " + url + " answered " + response.statusCode() + " to reset: " + response.body());
            }
        } catch (IOException e) {
            fail("moto at " + url + " is not reachable (" + e + "); start it with scripts/aws/start-moto.sh");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    static AwsSettings settings() {
        return AwsSettings.from(Map.of("aws.region", "us-east-1", "aws.accessKeyId", "testing",
                "aws.secretAccessKey", "testing", "aws.endpoint", endpoint()), Map.of());
    }

    static AwsProvider provider() {
        return new AwsProvider(settings());
    }

    static AwsClients clients() {
        return new AwsClients(settings());
    }

    static Address address(String name) {
        return Address.of(name);
    }

    static CreateRequest create(String type, String name, Map<String, Object> inputs) {
        Map<String, Object> withDefaults = AwsSchemas.of(type).withDefaults(Values.normalizeMap(inputs));
        return new CreateRequest(address(name), type, withDefaults, new Ownership(STACK, address(name)), TIMEOUT);
    }

    static ReadRequest read(String type, String name, String id, Map<String, Object> priorInputs,
            Map<String, Object> priorOutputs) {
        return new ReadRequest(address(name), type, id, priorInputs, priorOutputs);
    }

    /** An update request as the engine builds it: diffed first, defaults applied. */
    static UpdateRequest update(AwsProvider provider, String type, String name, String id, Map<String, Object> prior,
            Map<String, Object> priorOutputs, Map<String, Object> desired) {
        Map<String, Object> wanted = AwsSchemas.of(type).withDefaults(Values.normalizeMap(desired));
        DiffResponse diff = provider.diff(new DiffRequest(address(name), type, id, prior, priorOutputs, wanted));
        return new UpdateRequest(address(name), type, id, prior, priorOutputs, wanted, diff.diffs(), TIMEOUT);
    }

    static DiffResponse diff(AwsProvider provider, String type, Map<String, Object> prior,
            Map<String, Object> desired) {
        return provider.diff(new DiffRequest(address("x"), type, "id", prior,
                Map.of(), AwsSchemas.of(type).withDefaults(Values.normalizeMap(desired))));
    }

    static DeleteRequest delete(String type, String name, String id, Map<String, Object> outputs) {
        return new DeleteRequest(address(name), type, id, Map.of(), outputs, TIMEOUT);
    }
}
