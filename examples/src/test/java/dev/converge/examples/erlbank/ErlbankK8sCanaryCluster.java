package dev.converge.examples.erlbank;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * A cluster for the example's test: Fabric8's mock API server (CRUD mode), a thread playing the
 * Deployment controller (it reports every Deployment rolled out), and a local HTTP server playing
 * ingress-nginx and the pods: {@code /client/...} answers through the Ingress {@code accounts} and
 * {@code /preview/...} through {@code accounts-preview}, following each to its Service and the Service's
 * selector to a Deployment. A selected pod answers 200 with its image, or 500 if the image contains
 * {@code bad}; no selected pod: 503.
 */
final class ErlbankK8sCanaryCluster implements AutoCloseable {

    private static final ResourceDefinitionContext DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("apps").withVersion("v1").withKind("Deployment").withPlural("deployments").withNamespaced(true)
            .build();

    /** Kept so the level sticks: the mock logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final HttpServer ingress;
    private final Thread controller;
    private final Queue<Write> writes = new java.util.concurrent.ConcurrentLinkedQueue<>();

    ErlbankK8sCanaryCluster() throws IOException {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations) {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        // Copied before the CRUD dispatcher reads (and so empties) the body.
                        if (!request.getMethod().equals("GET") && !request.getPath().contains("/status")) {
                            writes.add(new Write(request.getMethod(), request.getPath(),
                                    new String(request.getBody().getBytes(), StandardCharsets.UTF_8)));
                        }
                        return super.dispatch(request);
                    }
                }, false);
        server.init();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(apiUrl())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        ingress = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingress.createContext("/", this::answer);
        ingress.start();
        controller = new Thread(this::rollOut, "deployment-controller");
        controller.setDaemon(true);
        controller.start();
    }

    String apiUrl() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    String ingressUrl() {
        return "http://127.0.0.1:" + ingress.getAddress().getPort();
    }

    KubernetesClient client() {
        return client;
    }

    /** One write the API server received. */
    record Write(String method, String path, String body) {
    }

    /** The writes (POST, PUT, DELETE; status updates left out) since the last call, in order. */
    List<Write> writes() {
        List<Write> result = new ArrayList<>();
        for (Write write = writes.poll(); write != null; write = writes.poll()) {
            result.add(write);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> body(Write write) {
        return client.getKubernetesSerialization().unmarshal(write.body(), Map.class);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/", 3);
            Optional<Deployment> pod = selected("preview".equals(parts[1]) ? "accounts-preview" : "accounts");
            String image = pod.map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .orElse("");
            int status = pod.isEmpty() ? 503 : image.contains("bad") ? 500 : 200;
            byte[] body = image.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Optional<Deployment> selected(String ingressName) {
        Ingress found = client.network().v1().ingresses().inNamespace("default").withName(ingressName).get();
        if (found == null) {
            return Optional.empty();
        }
        String serviceName = found.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
                .getName();
        Service service = client.services().inNamespace("default").withName(serviceName).get();
        if (service == null) {
            return Optional.empty();
        }
        Map<String, String> selector = service.getSpec().getSelector();
        return client.apps().deployments().inNamespace("default").list().getItems().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(selector.entrySet()))
                .findFirst();
    }

    /** Plays kube-controller-manager: every Deployment is reported rolled out. */
    private void rollOut() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (GenericKubernetesResource d : client.genericKubernetesResources(DEPLOYMENTS).inAnyNamespace().list()
                        .getItems()) {
                    Map<String, Object> spec = d.get("spec");
                    Object replicas = spec == null || spec.get("replicas") == null ? 1 : spec.get("replicas");
                    Long generation = d.getMetadata().getGeneration();
                    Map<String, Object> status = new LinkedHashMap<>();
                    status.put("observedGeneration", generation == null ? 1 : generation);
                    status.put("replicas", replicas);
                    status.put("updatedReplicas", replicas);
                    status.put("availableReplicas", replicas);
                    if (!status.equals(d.getAdditionalProperties().get("status"))) {
                        d.setAdditionalProperty("status", status);
                        client.resource(d).updateStatus();
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a conflict with Converge's own write: the next round reports it
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        controller.interrupt();
        controller.join(2000);
        ingress.stop(0);
        client.close();
        server.destroy();
    }
}
