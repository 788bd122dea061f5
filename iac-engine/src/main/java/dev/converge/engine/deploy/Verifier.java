package dev.converge.engine.deploy;

import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.VersionCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs HTTP probes against one endpoint; each request is sent once (no retries). Thread-safe. */
final class Verifier {

    /**
     * Made on the first probe, not per engine: building an {@code HttpClient} initialises TLS and starts a
     * selector thread (about 0.3 s the first time in a JVM), and most runs, the test kit's included, never probe.
     */
    private volatile HttpClient http;

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                }
                client = http;
            }
        }
        return client;
    }

    /** The reason the first failing probe failed, or empty when every probe passed. */
    Optional<String> verify(String endpoint, List<HttpProbe> probes) {
        for (HttpProbe probe : probes) {
            Optional<String> failure = run(endpoint, probe);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** Runs the Java check declared as {@code name}; a missing check or one that throws fails. */
    static Optional<String> check(String name, VersionCheck.Candidate candidate) {
        Optional<VersionCheck> check = VersionCheck.Registry.find(name);
        if (check.isEmpty()) {
            return Optional.of("check '" + name + "' is not declared in this process; run the program that declares"
                    + " it (Deployment.verify(name, check))");
        }
        try {
            return check.get().check(candidate).map(reason -> "check '" + name + "': " + reason);
        } catch (RuntimeException e) {
            return Optional.of("check '" + name + "' threw " + e);
        }
    }

    private Optional<String> run(String endpoint, HttpProbe probe) {
        Instant deadline = Instant.now().plus(probe.within());
        int good = 0;
        int sent = 0;
        String lastBad = "";
        while (sent < probe.requests() && Instant.now().isBefore(deadline)) {
            sent++;
            try {
                HttpResponse<String> answer = http().send(HttpRequest.newBuilder(URI.create(endpoint + probe.path()))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == probe.expectStatus()) {
                    good++;
                } else {
                    lastBad = "status " + answer.statusCode();
                }
            } catch (IOException e) {
                lastBad = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted during probe GET " + probe.path());
            }
        }
        double ratio = (double) good / probe.requests();
        if (ratio + 1e-9 < probe.successRatio()) {
            return Optional.of(String.format("probe GET %s: %d of %d requests answered %d within %d s (%d sent), "
                    + "%.0f%% required; last failure: %s", probe.path(), good, probe.requests(), probe.expectStatus(),
                    probe.within().toSeconds(), sent, probe.successRatio() * 100, lastBad));
        }
        return Optional.empty();
    }
}
