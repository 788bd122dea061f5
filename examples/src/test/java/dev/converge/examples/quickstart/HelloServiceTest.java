package dev.converge.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloServiceTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(HttpServer server, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWithNameGreetingAndLogLevelAndIsHealthy(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hello.properties");
        Files.writeString(config, "greeting=" + QuickStart.escapeProperty("Grüezi \\ from: Converge") + "\n");
        HelloService.Settings settings = HelloService.Settings.fromEnvironment(Map.of(
                "CONFIG_FILE", config.toString(), "LOG_LEVEL", "debug", "SERVICE_NAME", "hello-test"));
        HttpServer server = HelloService.start(0, settings);
        try {
            HttpResponse<String> root = get(server, "/");
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).isEqualTo("hello-test says: Grüezi \\ from: Converge (LOG_LEVEL=debug)\n");
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
            assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void defaultsWithoutConfiguration() {
        HelloService.Settings settings = HelloService.Settings.fromEnvironment(Map.of());
        assertThat(settings).isEqualTo(new HelloService.Settings("hello", HelloService.DEFAULT_GREETING, "info"));
    }
}
