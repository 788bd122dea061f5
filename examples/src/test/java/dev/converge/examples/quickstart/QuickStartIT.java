package dev.converge.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.providers.local.LocalProvider;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ValidateRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies and destroys the quick start through the local provider directly, in declaration order
 * (which is its dependency order), resolving outputs by hand: a stand-in until the engine's CLI runs.
 */
class QuickStartIT {

    private static final String STACK = "quickstart-it";

    @TempDir
    Path workDir;

    @Test
    void appliesServesTheGreetingAndDestroysCleanly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RecordingStack stack = new RecordingStack(Map.of("quickstart.port", Integer.toString(port),
                "quickstart.greeting", "Hi from the IT", "log.level", "warn"));
        new QuickStart().define(stack);
        LocalProvider provider = LocalProvider.in(workDir);
        Map<Address, Map<String, Object>> outputs = new LinkedHashMap<>();
        List<Runnable> destroy = new ArrayList<>();
        try {
            stack.resources.forEach((address, declaration) ->
                    destroy.add(0, create(provider, address, declaration, outputs)));
            String url = (String) ((Output<?>) stack.exports.get("url")).resolve(a -> Optional.ofNullable(outputs.get(a)))
                    .value();
            assertThat(url).isEqualTo("http://127.0.0.1:" + port + "/");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).isEqualTo("hello says: Hi from the IT (LOG_LEVEL=warn)\n");
        } finally {
            destroy.forEach(Runnable::run);
        }
        assertThat(workDir.resolve("run/quickstart")).doesNotExist();
        assertThat(provider.findOwned(new FindOwnedRequest(STACK, Set.of("local:Process"))).objects()).isEmpty();
    }

    private static Runnable create(LocalProvider provider, Address address, Declaration declaration,
            Map<Address, Map<String, Object>> outputs) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = provider.schema(declaration.type()).orElseThrow()
                .withDefaults((Map<String, Object>) resolve(declaration.properties(), outputs));
        assertThat(provider.validate(new ValidateRequest(address, declaration.type(), inputs)).diagnostics()).isEmpty();
        CreateResponse created = provider.create(new CreateRequest(address, declaration.type(), inputs,
                new Ownership(STACK, address), Duration.ofSeconds(20)));
        Map<String, Object> withId = new LinkedHashMap<>(created.outputs());
        withId.put("id", created.id());
        outputs.put(address, withId);
        return () -> provider.delete(new DeleteRequest(address, declaration.type(), created.id(), inputs,
                created.outputs(), Duration.ofSeconds(5)));
    }

    /** Replaces every {@link Output} (at any depth) by its value, as the engine does before create. */
    private static Object resolve(Object value, Map<Address, Map<String, Object>> outputs) {
        if (value instanceof Output<?> output) {
            return resolve(output.resolve(address -> Optional.ofNullable(outputs.get(address))).value(), outputs);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), resolve(item, outputs)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(resolve(item, outputs)));
            return copy;
        }
        return value;
    }
}
