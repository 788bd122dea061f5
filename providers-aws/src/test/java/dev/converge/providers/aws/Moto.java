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
import dev.converge.testing.RequiredServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The moto server the integration tests run against: its URL comes from {@code AWS_ENDPOINT_URL}
 * (start it with {@code eval "$(scripts/aws/start-moto.sh)"}). Without it the tests skip, or fail under
 * {@code CONVERGE_REQUIRE_SERVERS=1} ({@link RequiredServer}); a server that does not answer fails them.
 */
final class Moto {

    static final String STACK = "it";
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Moto() {
    }

    /** The endpoint; skips or fails the test without one (see {@link RequiredServer}). */
    static String endpoint() {
        return RequiredServer.MOTO.value();
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
            throw RequiredServer.MOTO.notAnswering(url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Closes what a test class opened; skips what is null (the class was skipped before opening it). */
    static void close(AutoCloseable... opened) {
        for (AutoCloseable resource : opened) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + resource + " failed", e);
                }
            }
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
