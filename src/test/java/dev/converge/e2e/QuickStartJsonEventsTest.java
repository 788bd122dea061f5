package dev.converge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.examples.quickstart.QuickStart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --json} and {@code destroy --json} of the quick start in a forked {@code java} process, as a CI
 * job runs it: the process's whole standard output is JSON lines in a valid order whose counts match the plan,
 * and a resource that fails is a {@code resource_failed} line, a failed summary and exit code 1.
 */
class QuickStartJsonEventsTest {

    @TempDir
    Path dir;

    private int port;

    @BeforeEach
    void freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void destroyLeftovers() throws Exception {
        fork("destroy", "--auto-approve");
    }

    private record Forked(int code, String out, String err) {
    }

    private Forked fork(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                QuickStart.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("CONVERGE_QUICKSTART_PORT", Integer.toString(port));
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Forked(process.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theQuickStartAppliesAndDestroysAsJsonLines() throws Exception {
        Forked apply = fork("apply", "--auto-approve", "--json");

        assertThat(apply.code()).as(apply.err()).isZero();
        EventLines events = EventLines.parse(apply.out()).assertValidOrder();
        assertThat(events.types()).startsWith("lock_acquired", "plan", "apply_start");
        JsonNode plan = events.only("plan");
        assertThat(events.done("create")).containsExactlyInAnyOrder("quickstart-dir", "hello-config", "hello")
                .hasSize(plan.at("/summary/add").asInt());
        JsonNode summary = events.last();
        assertThat(summary.get("status").asText()).isEqualTo("applied");
        assertThat(summary.get("added").asInt()).isEqualTo(plan.at("/summary/add").asInt());
        assertThat(summary.at("/outputs/url").asText()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(summary.get("release_serial").asLong()).isPositive();

        Forked destroy = fork("destroy", "--auto-approve", "--json");
        assertThat(destroy.code()).as(destroy.err()).isZero();
        EventLines destroyed = EventLines.parse(destroy.out()).assertValidOrder();
        assertThat(destroyed.done("delete")).hasSize(destroyed.only("plan").at("/summary/destroy").asInt())
                .hasSize(3);
        assertThat(destroyed.last().get("destroyed").asInt()).isEqualTo(3);
    }

    @Test
    void aResourceThatFailsIsAFailedLineAndExitCodeOne() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/quickstart"), "a file where the program wants its directory");

        Forked apply = fork("apply", "--auto-approve", "--json");

        assertThat(apply.code()).isEqualTo(1);
        EventLines events = EventLines.parse(apply.out()).assertValidOrder();
        assertThat(events.ofType("resource_failed")).extracting(line -> line.get("address").asText())
                .containsExactly("quickstart-dir");
        assertThat(events.ofType("resource_skipped")).extracting(line -> line.get("address").asText())
                .containsExactlyInAnyOrder("hello-config", "hello");
        assertThat(events.last().get("status").asText()).isEqualTo("failed");
        assertThat(events.last().get("exit_code").asInt()).isEqualTo(1);
        assertThat(apply.err()).contains("quickstart-dir");
    }
}
