package dev.converge.examples.erlbank.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.Converge;
import dev.converge.providers.docker.DockerProvider;
import dev.converge.testing.RequiredServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against the real dockerd of scripts/docker/start-dockerd.sh (DOCKER_HOST; skips without it,
 * or fails under CONVERGE_REQUIRE_SERVERS=1, see {@link RequiredServer}; fails when it does not answer)
 * with the base images of build-base-images.sh: apply the Erlbank example, call every service through
 * nginx, apply again without changes, change one service's LOG_LEVEL, repair drift, destroy.
 */
class ErlbankDockerIT {

    @TempDir
    Path workDir;

    private final DockerCli docker = new DockerCli();
    private String stack;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void checkDocker() {
        RequiredServer.DOCKER.value();
        assertThat(docker.run("image", "inspect", "converge/busybox:1", "converge/nginx:1").exitCode())
                .as("base images; run scripts/docker/build-base-images.sh").isZero();
        stack = "e2e" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void removeLeftovers() {
        if (stack != null) { // null: skipped or failed before it created anything
            docker.removeByLabel(stack);
        }
    }

    private int converge(Map<String, String> config, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CONVERGE_FRONTEND_PORT", "0");
        env.put("CONVERGE_ERLBANK_SOURCES", ErlbankDocker.sources(new EmptyConfig()).toString());
        env.putAll(config);
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--stack", stack));
        // Only the docker provider: the example's other providers play no part here.
        return Converge.builder(new ErlbankDocker()).withoutServiceLoader().provider(new DockerProvider())
                .workDir(workDir).environment(env).output(print, print).build()
                .run(all.toArray(String[]::new));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void appliesServesIsIdempotentReplacesOnlyTheChangedServiceAndDestroys() throws Exception {
        assertThat(converge(Map.of(), "apply", "--auto-approve")).as(output()).isZero();
        int port = docker.publishedPort(stack, "frontend", 80);
        for (String service : ErlbankDocker.SERVICES) {
            String body = get(port, "/" + service);
            assertThat(body).contains("service=" + service, "node_name=" + service, "hostname=" + service,
                    "log_level=info");
        }
        assertThat(get(port, "/statements")).contains("accounts_host=accounts@accounts",
                "transfers_host=transfers@transfers");

        assertThat(converge(Map.of(), "plan", "--detailed-exitcode")).as(output()).isZero();

        Map<String, String> before = docker.containerIds(stack);
        assertThat(converge(Map.of("CONVERGE_ACCOUNTS_LOG_LEVEL", "debug"), "apply", "--auto-approve")).as(output())
                .isZero();
        Map<String, String> after = docker.containerIds(stack);
        assertThat(after.get("accounts")).isNotEqualTo(before.get("accounts"));
        for (String unchanged : List.of("transfers", "statements", "frontend")) {
            assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
        }
        String accounts = get(port, "/accounts");
        assertThat(accounts).contains("log_level=debug", "starts_logged=2"); // the volume kept the first start

        assertThat(converge(Map.of("CONVERGE_ACCOUNTS_LOG_LEVEL", "debug"), "destroy", "--auto-approve"))
                .as(output()).isZero();
        assertThat(docker.labelled(stack)).isEmpty();
    }

    @Test
    void containerStoppedOutOfBandShowsInPlanAndApplyRepairsIt() throws Exception {
        assertThat(converge(Map.of(), "apply", "--auto-approve")).as(output()).isZero();
        String transfers = docker.containerIds(stack).get("transfers");
        assertThat(docker.run("stop", "-t", "1", transfers).exitCode()).isZero();

        assertThat(converge(Map.of(), "plan", "--detailed-exitcode")).as(output()).isEqualTo(2);
        assertThat(output()).contains("transfers").contains("running");
        assertThat(converge(Map.of(), "apply", "--auto-approve")).as(output()).isZero();
        assertThat(get(docker.publishedPort(stack, "frontend", 80), "/transfers")).contains("service=transfers");
        assertThat(converge(Map.of(), "destroy", "--auto-approve")).as(output()).isZero();
    }

    @Test
    void planAgainstAnUnreachableSocketFailsNamingItWithoutStateChange() throws IOException {
        assertThat(converge(Map.of(), "apply", "--auto-approve")).as(output()).isZero();
        Path stateDir = workDir.resolve(".converge");
        Map<Path, byte[]> stateBefore = snapshot(stateDir);
        String socket = "unix:///tmp/converge-no-daemon-here/docker.sock";
        Path config = workDir.resolve("converge." + stack + ".properties");
        java.nio.file.Files.writeString(config, "docker.host=" + socket + "\n");
        assertThat(converge(Map.of(), "plan")).as(output()).isEqualTo(1);
        // The engine still prints configure's ProviderException with a stack trace ("unexpected
        // failure"); the message itself names the socket and the fix.
        assertThat(output()).contains("cannot reach the Docker daemon at " + socket);
        assertThat(snapshot(stateDir)).as("state files").containsOnlyKeys(stateBefore.keySet().toArray(Path[]::new));
        Map<Path, byte[]> stateAfter = snapshot(stateDir);
        stateBefore.forEach((file, bytes) -> assertThat(stateAfter.get(file)).as(file.toString()).isEqualTo(bytes));
        java.nio.file.Files.delete(config);
        assertThat(converge(Map.of(), "destroy", "--auto-approve")).as(output()).isZero();
    }

    /** Every state file's bytes, leaving out lock files that a run creates and removes. */
    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var walk = java.nio.file.Files.walk(dir)) {
                for (Path file : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                    if (!file.getFileName().toString().contains("lock")) {
                        files.put(dir.relativize(file), java.nio.file.Files.readAllBytes(file));
                    }
                }
            }
        }
        return files;
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = null;
        IOException lastError = null;
        // This waits for the stack to serve (it does not measure failures): nginx re-resolves a replaced
        // service within its resolver's 2 s, and a request sent to the removed container's address meanwhile
        // may time out instead of failing.
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                lastError = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("GET " + path + " answered " + (response == null ? lastError
                : response.statusCode() + ": " + response.body()));
    }

    /** A config with no keys, to find the sources the way the program does by default. */
    private static final class EmptyConfig implements dev.converge.api.Config {
        @Override
        public String stack() {
            return "test";
        }

        @Override
        public java.util.Optional<String> get(String key) {
            return java.util.Optional.empty();
        }

        @Override
        public String require(String key) {
            return "";
        }

        @Override
        public Map<String, String> asMap() {
            return new LinkedHashMap<>();
        }
    }
}
