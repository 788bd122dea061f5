package dev.converge.providers.k8s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays ingress-nginx and the pods behind it, which the mock API server does not have: a local HTTP
 * server that routes {@code /client/...} through the Ingress {@code <service>} (and, by its weight, the
 * canary Ingress) and {@code /preview/...} through {@code <service>-preview}, following each Ingress to its
 * Service and the Service's selector to the Deployments whose pods it selects (each by its share of the
 * pods), as read from the mock server at each request. Client requests are mirrored as the {@code mirror-target} annotation says. A "pod"
 * answers by its Deployment's image: {@code broken} answers 500; {@code breaks} answers 200 to its first
 * five requests, then 500; {@code flaky} passes its health checks but fails one other request in five; others answer 200 with the image.
 * {@code /metrics} serves the selected Deployment's counters in the Prometheus text format.
 */
final class FakeIngress implements AutoCloseable {

    private final KubernetesClient client;
    private final String service;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, AtomicLong[]> counters = new ConcurrentHashMap<>();
    private volatile Thread traffic;

    FakeIngress(KubernetesClient client, String service) throws IOException {
        this.client = client;
        this.service = service;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/", 3);
            boolean client = "client".equals(parts[1]);
            String rest = "/" + (parts.length > 2 ? parts[2] : "");
            Optional<Deployment> pod = client ? viaClientIngress() : viaIngress(service + "-preview");
            if (pod.isEmpty()) {
                respond(exchange, 503, "no version selected");
                return;
            }
            if (rest.equals("/metrics")) {
                respond(exchange, 200, metrics(pod.get()));
                return;
            }
            int status = answer(pod.get(), rest);
            if (client) {
                mirror().ifPresent(shadow -> answer(shadow, rest));
            }
            respond(exchange, status, status == 200 ? image(pod.get()) : "failed");
        } catch (RuntimeException e) {
            respond(exchange, 502, e.toString());
        }
    }

    private Optional<Deployment> viaClientIngress() {
        Ingress canary = ingress(service + "-canary");
        if (canary != null && "true".equals(canary.getMetadata().getAnnotations().get(KubernetesRouter.CANARY))) {
            int weight = Integer.parseInt(canary.getMetadata().getAnnotations().get(KubernetesRouter.CANARY_WEIGHT));
            if (ThreadLocalRandom.current().nextInt(100) < weight) {
                return viaIngress(canary.getMetadata().getName());
            }
        }
        return viaIngress(service);
    }

    private Optional<Deployment> viaIngress(String name) {
        Ingress ingress = ingress(name);
        if (ingress == null) {
            return Optional.empty();
        }
        return selectedBy(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
                .getName());
    }

    /** The shadow, as the main Ingress's mirror-target names its Service. */
    private Optional<Deployment> mirror() {
        Ingress main = ingress(service);
        String target = main == null ? null : main.getMetadata().getAnnotations().get(KubernetesRouter.MIRROR_TARGET);
        return target == null ? Optional.empty() : selectedBy(URI.create(target.replace("$request_uri", ""))
                .getHost().split("\\.")[0]);
    }

    private Ingress ingress(String name) {
        return client.network().v1().ingresses().inNamespace("default").withName(name).get();
    }

    private Optional<Deployment> selectedBy(String serviceName) {
        Service selected = client.services().inNamespace("default").withName(serviceName).get();
        if (selected == null) {
            return Optional.empty();
        }
        Map<String, String> selector = selected.getSpec().getSelector();
        List<Deployment> matching = client.apps().deployments().inNamespace("default").list().getItems().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(selector.entrySet()))
                .toList();
        // A Service balances over pods: each Deployment's chance is its share of the replicas.
        int pods = matching.stream().mapToInt(FakeIngress::replicas).sum();
        int pick = pods == 0 ? 0 : ThreadLocalRandom.current().nextInt(pods);
        for (Deployment d : matching) {
            pick -= replicas(d);
            if (pick < 0) {
                return Optional.of(d);
            }
        }
        return matching.stream().findFirst();
    }

    private static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private int answer(Deployment pod, String path) {
        AtomicLong[] counts = counters.computeIfAbsent(pod.getMetadata().getName(),
                name -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        long number = counts[0].get() + counts[1].get() + 1;
        String image = image(pod);
        boolean fails = image.contains("broken") || (image.contains("breaks") && number > 5)
                || (image.contains("flaky") && !path.equals("/health") && number % 5 == 0);
        counts[fails ? 1 : 0].incrementAndGet();
        return fails ? 500 : 200;
    }

    private String metrics(Deployment pod) {
        AtomicLong[] counts = counters.getOrDefault(pod.getMetadata().getName(),
                new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        return "# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} " + counts[0].get()
                + "\nhttp_requests_total{code=\"500\"} " + counts[1].get() + "\n";
    }

    private static String image(Deployment pod) {
        return pod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** Sends client requests every few milliseconds until closed, so a shadow gets mirrored traffic. */
    void startTraffic() {
        HttpClient http = HttpClient.newHttpClient();
        traffic = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(url() + "/client/")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    // the test measures the shadow's counters, not the client's answers
                }
            }
        }, "fake-client-traffic");
        traffic.setDaemon(true);
        traffic.start();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread running = traffic;
        if (running != null) {
            running.interrupt();
            running.join(2000);
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
