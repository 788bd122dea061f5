package dev.converge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.Converge;
import dev.converge.examples.quickstart.QuickStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start through the CLI, on real files and a real process: apply, apply again, a changed
 * value, the service killed out of band, destroy. Exit codes are checked in-process through
 * {@code run(args)} and in a forked {@code java} process.
 */
class QuickStartEndToEndTest {

    @TempDir
    Path dir;

    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void destroyLeftovers() {
        run("destroy", "--auto-approve");
    }

    private Map<String, String> env(String greeting) {
        Map<String, String> env = new HashMap<>();
        env.put("CONVERGE_QUICKSTART_PORT", Integer.toString(port));
        env.put("CONVERGE_QUICKSTART_GREETING", greeting);
        return env;
    }

    private record Result(int code, String out) {
    }

    private Result run(String... args) {
        return runWith("Hello from Converge", args);
    }

    private Result runWith(String greeting, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Converge.builder(new QuickStart()).workDir(dir).environment(env(greeting)).output(print, print)
                .build().run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    private Result fork(String... args) throws Exception {
        return forkWith(Map.of(), args);
    }

    private Result forkWith(Map<String, String> overrides, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QuickStart.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env("Hello from Converge"));
        builder.environment().putAll(overrides);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    private String get() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private long servicePid() {
        Result show = run("state", "show", "hello");
        Matcher id = Pattern.compile("\"id\" : \"(\\d+)\"").matcher(show.out());
        assertThat(id.find()).as(show.out()).isTrue();
        return Long.parseLong(id.group(1));
    }

    @Test
    void quickStartConvergesThroughTheCli() throws Exception {
        Result first = run("apply", "--auto-approve");
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
        assertThat(get()).contains("Hello from Converge");

        Result again = run("apply", "--auto-approve");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("No changes.");
        assertThat(fork("plan", "--detailed-exitcode").code()).isZero();

        Result changed = runWith("Moin", "plan", "--detailed-exitcode");
        assertThat(changed.code()).as(changed.out()).isEqualTo(2);
        assertThat(changed.out()).contains("1 to change");
        assertThat(runWith("Moin", "apply", "--auto-approve").code()).isZero();
        assertThat(get()).contains("Moin");

        long pid = servicePid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        waitUntilDead(pid);
        Result drift = runWith("Moin", "plan", "--detailed-exitcode");
        assertThat(drift.code()).as(drift.out()).isEqualTo(2);
        assertThat(drift.out()).contains("hello has been deleted").contains("hello will be created");
        assertThat(runWith("Moin", "apply", "--auto-approve").code()).isZero();
        assertThat(get()).contains("Moin");

        long restarted = servicePid();
        Result destroy = run("destroy", "--auto-approve");
        assertThat(destroy.code()).as(destroy.out()).isZero();
        waitUntilDead(restarted);
        assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(dir.resolve("run/quickstart")).doesNotExist();
    }

    @Test
    void forkedProcessExitCodes() throws Exception {
        assertThat(fork("plan", "--detailed-exitcode").code()).isEqualTo(2);
        assertThat(fork("apply").code()).as("no terminal and no --auto-approve").isEqualTo(1);
        assertThat(fork("no-such-command").code()).isEqualTo(1);
        Result bad = forkWith(Map.of("CONVERGE_QUICKSTART_PORT", "not-a-number"), "plan");
        assertThat(bad.code()).as(bad.out()).isEqualTo(1);
        assertThat(bad.out()).contains("not-a-number");
        assertThat(dir.resolve(".converge/dev/state.json")).doesNotExist();
    }

    private static void waitUntilDead(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
    }
}
