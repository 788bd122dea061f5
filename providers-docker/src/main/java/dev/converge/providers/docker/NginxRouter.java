package dev.converge.providers.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Docker {@link TrafficRouter}: one nginx container per service on the service's network. Each
 * route change rewrites the configuration in place (checked with {@code nginx -t} before it replaces
 * the old one) and reloads nginx with {@code nginx -s reload}, which lets old workers finish their
 * requests: no connection is dropped. The one named exception to container immutability.
 */
final class NginxRouter implements TrafficRouter {

    private static final Duration POLL = Duration.ofMillis(100);

    private final DockerConnection docker;
    private final RouterContainer containers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    NginxRouter(DockerConnection docker) {
        this.docker = docker;
        this.containers = new RouterContainer(docker);
    }

    @Override
    public RouterInfo ensureRouter(RouterRequest request) {
        String network = networkOf(request.template()).orElseThrow(() -> ProviderException.fatal(
                "the service of router " + request.name() + " joins no network; add .network(...) to its container"
                + " template so the router can reach its instances"));
        InspectContainerResponse container = containers.ensure(request, network);
        RouterInfo info = info(container);
        waitForGeneration(info.endpoint(), null, request.timeout(), request.name());
        return info;
    }

    @Override
    public void route(RouteRequest request) {
        String generation = UUID.randomUUID().toString();
        String config = NginxConfig.render(request, generation);
        String next = NginxConfig.FILE + ".next";
        containers.exec(request.routerId(), "apply a new routing", "printf '%s' \"$CONVERGE_CONF\" > " + next
                + " && nginx -t -q -c " + next + " && mv " + next + " " + NginxConfig.FILE + " && : > "
                + NginxConfig.MIRROR_LOG + " && : > " + NginxConfig.LIVE_LOG + " && nginx -s reload -c " + NginxConfig.FILE,
                List.of("CONVERGE_CONF=" + config));
        InspectContainerResponse container = containers.inspect(request.routerId()).orElseThrow(() ->
                ProviderException.retryable("router " + request.routerId()
                        + " is gone; run apply again to recreate it"));
        waitForGeneration(info(container).endpoint(), generation, request.timeout(), request.routerId());
    }

    @Override
    public MirrorStats mirrorStats(String routerId) {
        String logs = containers.exec(routerId, "read the mirror log", "cat " + NginxConfig.MIRROR_LOG
                + " 2>/dev/null; echo ---; cat " + NginxConfig.LIVE_LOG + " 2>/dev/null; true", List.of());
        int split = logs.indexOf("---");
        long requests = logs.substring(split + 3).lines().filter(line -> !line.isBlank()).count();
        long mirrored = 0;
        long failed = 0;
        for (String line : logs.substring(0, split).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            mirrored++;
            // With retries nginx logs "502, 200"; the last status is the answer.
            String[] statuses = line.strip().split("[ ,:]+");
            String last = statuses[statuses.length - 1];
            if (!last.matches("\\d{3}") || Integer.parseInt(last) >= 500) {
                failed++;
            }
        }
        return new MirrorStats(requests, mirrored, failed);
    }

    @Override
    public void deleteRouter(String routerId) {
        containers.remove(routerId);
    }

    @Override
    public Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName) {
        Map<String, Object> inputs = new LinkedHashMap<>(template);
        inputs.put("name", instanceName);
        // Instances are reached through the router only; a fixed host port would clash between versions.
        inputs.remove("ports");
        return DockerDiff.schemaOf(DockerSchemas.CONTAINER).withDefaults(Values.normalizeMap(inputs));
    }

    @Override
    public String backendAddress(Map<String, Object> instanceOutputs, Map<String, Object> template, int port) {
        String network = networkOf(template).orElse("");
        Object ip = Values.mapOf(instanceOutputs, "ipAddresses").get(network);
        String address = ip != null ? ip.toString() : Values.string(instanceOutputs, "ipAddress");
        if (address == null || address.isBlank()) {
            throw ProviderException.fatal("instance " + Values.string(instanceOutputs, "name") + " has no address on"
                    + " network " + network + "; the router cannot reach it");
        }
        return address + ":" + port;
    }

    private static java.util.Optional<String> networkOf(Map<String, Object> template) {
        List<Object> networks = Values.listOf(template, "networks");
        if (networks.isEmpty() || !(networks.get(0) instanceof Map<?, ?> first) || first.get("name") == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(first.get("name").toString());
    }

    private RouterInfo info(InspectContainerResponse container) {
        Map<ExposedPort, Ports.Binding[]> bindings = container.getNetworkSettings().getPorts().getBindings();
        String host = hostOfDaemon();
        return new RouterInfo(container.getId(), "http://" + host + ":" + port(bindings, NginxConfig.LIVE_PORT),
                "http://" + host + ":" + port(bindings, NginxConfig.PREVIEW_PORT));
    }

    private static String port(Map<ExposedPort, Ports.Binding[]> bindings, int internal) {
        Ports.Binding[] bound = bindings.get(ExposedPort.tcp(internal));
        if (bound == null || bound.length == 0) {
            throw ProviderException.fatal("the router publishes no host port for " + internal + "; is another"
                    + " process using the requested port?");
        }
        return bound[0].getHostPortSpec();
    }

    /** Where published ports are reachable: the daemon's host for tcp://, else this machine. */
    private String hostOfDaemon() {
        URI uri = URI.create(docker.host());
        return "tcp".equals(uri.getScheme()) && uri.getHost() != null ? uri.getHost() : "127.0.0.1";
    }

    /** Waits until the router answers (and, with a generation, answers with that generation). */
    private void waitForGeneration(String endpoint, String generation, Duration timeout, String router) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint
                        + NginxConfig.GENERATION_PATH)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && (generation == null || generation.equals(answer.body()))) {
                    return;
                }
                last = "status " + answer.statusCode() + " generation " + answer.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderException.retryable("interrupted while waiting for router " + router, e);
            }
            sleep();
        }
        throw ProviderException.retryable("router " + router + " at " + endpoint
                + " did not take its configuration within " + timeout.toSeconds() + " s (last: " + last
                + "); see its log with docker logs");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
