package dev.converge.providers.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.converge.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One Docker daemon connection and the translation of its failures into {@link ProviderException}s
 * that name the daemon's address. Thread-safe (the docker-java client is).
 */
final class DockerConnection implements AutoCloseable {

    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    private DockerConnection(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /** The daemon address: the {@code docker.host} setting, else {@code DOCKER_HOST}, else the default socket. */
    static String resolveHost(Optional<String> setting, String environment) {
        if (setting.isPresent() && !setting.get().isBlank()) {
            return setting.get().strip();
        }
        return environment == null || environment.isBlank() ? DEFAULT_HOST : environment.strip();
    }

    /** Opens a client for {@code host}; no request is made yet. */
    static DockerConnection open(String host) {
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw ProviderException.fatal("invalid Docker host '" + host + "': use unix:///path/docker.sock or"
                    + " tcp://host:port in the docker.host setting or DOCKER_HOST", e);
        }
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).withDockerTlsVerify(false).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(uri)
                .maxConnections(64).connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(5))
                .build();
        return new DockerConnection(host, DockerClientImpl.getInstance(config, http));
    }

    String host() {
        return host;
    }

    DockerClient client() {
        return client;
    }

    /** Checks that the daemon answers. */
    void ping() {
        call("ping the Docker daemon", () -> client.pingCmd().exec());
    }

    /**
     * Runs one Docker call; failures become {@link ProviderException}s that say what was being done
     * ({@code what}) and, when the daemon is unreachable, its address and how to fix that.
     */
    <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (NotFoundException | ConflictException e) {
            throw e; // callers decide what a missing or busy object means
        } catch (DockerException e) {
            boolean retryable = e.getHttpStatus() >= 500 && e.getHttpStatus() != 501;
            String message = "Docker could not " + what + ": " + clean(e.getMessage());
            throw retryable ? ProviderException.retryable(message, e) : ProviderException.fatal(message, e);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            if (hasIoCause(e)) {
                throw ProviderException.retryable("cannot reach the Docker daemon at " + host + " to " + what + " ("
                        + rootMessage(e) + "); start dockerd (scripts/docker/start-dockerd.sh) or point the"
                        + " docker.host setting or DOCKER_HOST at a running daemon", e);
            }
            throw ProviderException.fatal("Docker could not " + what + ": " + rootMessage(e), e);
        }
    }

    /** Runs a Docker call that returns nothing. */
    void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Docker's error bodies are JSON like {"message":"..."}; keep just the text. */
    static String clean(String message) {
        if (message == null) {
            return "(no message)";
        }
        String text = message.strip();
        int start = text.indexOf("\"message\":\"");
        if (start >= 0) {
            int from = start + "\"message\":\"".length();
            int end = text.indexOf('"', from);
            return end > from ? text.substring(from, end) : text;
        }
        return text;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing an idle HTTP pool cannot lose data; nothing to report.
        }
    }
}
