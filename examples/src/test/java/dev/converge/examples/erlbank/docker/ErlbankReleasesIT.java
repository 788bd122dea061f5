package dev.converge.examples.erlbank.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.Converge;
import dev.converge.examples.deploy.ErlbankReleases;
import dev.converge.providers.docker.DockerProvider;
import dev.converge.testing.RequiredServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Erlbank's accounts service released blue/green, canary and shadow on the real dockerd, as the example
 * program is run: version 1, then version 2 through the strategy while a client that never retries
 * sends requests the whole time. Every request must succeed, and afterwards every one is answered by
 * version 2 from the other slot. Without DOCKER_HOST it skips, or fails under CONVERGE_REQUIRE_SERVERS=1
 * ({@link RequiredServer}).
 */
class ErlbankReleasesIT {

    @TempDir
    Path workDir;

    private final DockerCli docker = new DockerCli();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private String stack;

    @BeforeEach
    void checkDocker() {
        RequiredServer.DOCKER.value();
        stack = "rel" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void removeLeftovers() {
        if (stack == null) {
            return; // skipped or failed before it created anything
        }
        converge("bluegreen", "1", "destroy", "--auto-approve");
        docker.removeByLabel(stack);
    }

    private int converge(String strategy, String version, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CONVERGE_ERLBANK_SOURCES", Path.of("src/main/erlbank").toAbsolutePath().toString());
        env.put("CONVERGE_ACCOUNTS_STRATEGY", strategy);
        env.put("CONVERGE_ACCOUNTS_VERSION", version);
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--stack", stack));
        return Converge.builder(new ErlbankReleases()).withoutServiceLoader().provider(new DockerProvider())
                .workDir(workDir).environment(env).output(print, print).build().run(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bluegreen", "canary", "shadow"})
    void aNewVersionGoesOutThroughTheStrategyWithoutAFailedRequest(String strategy) throws Exception {
        assertThat(converge(strategy, "1", "apply", "--auto-approve")).as(text()).isZero();
        assertThat(converge(strategy, "1", "output", "accountsUrl")).isZero();
        URI url = URI.create(text().strip().replace("\"", ""));
        assertThat(converge(strategy, "1", "output", "accountsLive")).isZero();
        String liveBefore = text().strip();
        assertThat(get(url)).contains("version=1");

        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        Thread client = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                answers.add(get(url));
            }
        });
        client.start();
        int code = converge(strategy, "2", "apply", "--auto-approve");
        String log = text();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            after.add(get(url));
        }
        client.interrupt();
        client.join();
        assertThat(code).as(log).isZero();
        List<String> failed = answers.stream().filter(answer -> answer.startsWith("FAILED")).toList();
        System.out.println(strategy + ": " + answers.size() + " requests during the release, " + failed.size()
                + " failed; " + answers.stream().filter(a -> a.contains("version=2")).count() + " answered by version 2");
        assertThat(failed).as("requests during the %s release", strategy).isEmpty();
        assertThat(after).allMatch(answer -> answer.contains("version=2"));
        assertThat(converge(strategy, "2", "output", "accountsLive")).isZero();
        assertThat(text().strip()).isNotEqualTo(liveBefore);
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One GET over a new connection (HTTP/1.0), never retried: the body, or FAILED and why. */
    private static String get(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2000);
            socket.setSoTimeout(5000);
            OutputStream request = socket.getOutputStream();
            request.write(("GET " + url.getPath() + " HTTP/1.0\r\nHost: " + url.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            String text = new String(response.readAllBytes(), StandardCharsets.UTF_8);
            String status = text.isEmpty() ? "" : text.substring(0, Math.max(0, text.indexOf("\r\n")));
            return status.matches("HTTP/1\\.[01] 2\\d\\d.*") ? text.substring(text.indexOf("\r\n\r\n") + 4)
                    : "FAILED: " + status;
        } catch (IOException e) {
            return "FAILED: " + e;
        }
    }
}
