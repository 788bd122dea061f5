package dev.converge.providers.k8s;

import dev.converge.api.Address;
import dev.converge.spi.ConfigureRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Fabric8's in-process API server in CRUD mode over plain HTTP, plus helpers: a provider configured
 * the way a user would (through {@code k8s.masterUrl}) and an independent client that plays
 * controllers and other tools.
 */
final class MockApiServer implements AutoCloseable {

    /** Kept so the level sticks: the mock logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient admin;

    MockApiServer() {
        // Expectations first (for the few calls the CRUD mode cannot answer), CRUD for everything else.
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        admin = newClient();
    }

    String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    KubernetesMockServer server() {
        return server;
    }

    /** A client of its own, as another process (kubectl, a controller) would have. */
    KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
    }

    KubernetesClient admin() {
        return admin;
    }

    /** A provider configured through settings only, as ServiceLoader would create it. */
    KubernetesProvider provider(String stack, Map<String, String> extra) {
        KubernetesProvider provider = new KubernetesProvider();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("k8s.masterUrl", url());
        settings.put("k8s.namespace", "default");
        settings.put("k8s.pollMillis", "20");
        settings.putAll(extra);
        provider.configure(new ConfigureRequest(stack, settings, Path.of(".")));
        return provider;
    }

    static Address address(String text) {
        return Address.parse(text);
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
