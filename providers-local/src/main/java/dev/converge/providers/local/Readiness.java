package dev.converge.providers.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One probe of the readiness checks of a process. Each method returns empty when the check passes,
 * otherwise why it failed (for the timeout message). Thread-safe.
 */
final class Readiness {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private Readiness() {
    }

    /** Probes every configured check; the first failure, or empty when all pass. */
    static Optional<String> probe(String httpCheck, String tcpCheck) {
        if (tcpCheck != null) {
            Optional<String> failure = probeTcp(tcpCheck);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return httpCheck == null ? Optional.empty() : probeHttp(httpCheck);
    }

    static Optional<String> probeHttp(String url) {
        Optional<URI> uri = ProcessChecks.parseHttp(url);
        if (uri.isEmpty()) {
            return Optional.of("invalid httpCheck URL " + url);
        }
        HttpRequest request = HttpRequest.newBuilder(uri.get()).timeout(PROBE_TIMEOUT).GET().build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? Optional.empty()
                    : Optional.of("GET " + url + " answered " + status);
        } catch (IOException e) {
            return Optional.of("GET " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    static Optional<String> probeTcp(String target) {
        Optional<Map.Entry<String, Integer>> hostPort = ProcessChecks.parseHostPort(target);
        if (hostPort.isEmpty()) {
            return Optional.of("invalid tcpCheck " + target);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.get().getKey(), hostPort.get().getValue()),
                    (int) PROBE_TIMEOUT.toMillis());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("connect to " + target + " failed: " + e.getMessage());
        }
    }
}
