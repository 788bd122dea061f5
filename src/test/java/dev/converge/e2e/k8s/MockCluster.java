package dev.converge.e2e.k8s;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fabric8's in-process API server in CRUD mode over plain HTTP (started empty), with an admin client
 * that plays {@code kubectl} and controllers, and the stack configuration a user would write to
 * point Converge's {@code k8s} provider at it. Adapted from providers-k8s' {@code MockApiServer}.
 */
final class MockCluster implements AutoCloseable {

    /** Kept so the level sticks: the mock logs every request at INFO through java.util.logging. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    /**
     * Vert.x warns (with a stack trace) whenever an event loop is busy for 2 s, which Jackson's first
     * introspection of the Kubernetes model takes on a loaded build machine: noise, not a failure.
     */
    private static final Logger BLOCKED_THREAD_LOG = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
        BLOCKED_THREAD_LOG.setLevel(Level.SEVERE);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient admin;

    MockCluster() {
        // No expectations: every request is answered by the CRUD store.
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        admin = newClient();
    }

    String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** A client of its own, as another process (kubectl, a controller, a second CI job) would have. */
    KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
    }

    KubernetesClient admin() {
        return admin;
    }

    /**
     * Writes {@code converge.<stack>.properties} into {@code workDir} so the provider found by
     * ServiceLoader connects to this server, plus {@code extra} keys.
     */
    void writeStackConfig(Path workDir, String stack, Map<String, String> extra) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("k8s.masterUrl=").append(url()).append('\n')
                .append("k8s.namespace=default\n")
                .append("k8s.pollMillis=20\n");
        extra.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(workDir.resolve("converge." + stack + ".properties"), text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
