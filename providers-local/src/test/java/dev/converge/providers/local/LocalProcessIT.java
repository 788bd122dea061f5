package dev.converge.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local:Process against real processes on this host. Every test checks that nothing is left running. */
class LocalProcessIT {

    @TempDir
    Path workDir;

    private final String stack = ProcessFixture.uniqueStack();
    private LocalProvider provider;

    private LocalProvider provider() {
        if (provider == null) {
            provider = LocalProvider.in(workDir);
        }
        return provider;
    }

    @AfterEach
    void nothingLeftRunning() {
        assertThat(ProcessFixture.killOwned(provider(), stack)).as("processes left running by the test").isZero();
    }

    private CreateRequest sleeper(String name, String... command) {
        return Requests.create(stack, name, LocalSchemas.PROCESS, Map.of("command", List.of((Object[]) command),
                "env", Map.of("GREETING", "hi")));
    }

    /** The group's members once it has {@code size} of them (a shell forks its children a bit later). */
    private static List<Long> awaitGroupSize(long group, int size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<Long> members = ProcessTable.groupMembers(group);
        while (members.size() < size && System.nanoTime() < deadline) {
            Signals.sleep(Duration.ofMillis(20));
            members = ProcessTable.groupMembers(group);
        }
        return members;
    }

    private static long pid(CreateResponse created) {
        return (Long) created.outputs().get("pid");
    }

    @Test
    void startsDetachedWithLogsAndOwnershipAndIsDeleted() throws Exception {
        CreateRequest request = sleeper("svc", "sleep", "30");
        CreateResponse created = provider().create(request);
        long pid = pid(created);
        assertThat(created.id()).isEqualTo(Long.toString(pid));

        ProcStat stat = ProcessTable.stat(pid).orElseThrow();
        assertThat(stat.session()).as("own session").isEqualTo(pid);
        assertThat(stat.processGroup()).as("own process group").isEqualTo(pid);
        assertThat(stat.startTicks()).isEqualTo(created.outputs().get("startTime"));
        Path logs = workDir.resolve(".converge/logs");
        assertThat(ProcessTable.link(pid, "fd/0")).contains("/dev/null");
        assertThat(ProcessTable.link(pid, "fd/1")).contains(logs.resolve("app.svc.out.log").toString());
        assertThat(ProcessTable.link(pid, "fd/2")).contains(logs.resolve("app.svc.err.log").toString());
        assertThat(created.outputs()).containsEntry("stdoutLog", logs.resolve("app.svc.out.log").toString());
        assertThat(ProcessTable.environment(pid)).containsEntry("CONVERGE_STACK", stack)
                .containsEntry("CONVERGE_ADDRESS", "app/svc").containsEntry("GREETING", "hi");

        var read = provider().read(Requests.read(request, created));
        assertThat(read.exists()).isTrue();
        assertThat(read.inputs()).isEqualTo(request.inputs());

        assertThat(provider().delete(Requests.delete(request, created)).alreadyGone()).isFalse();
        assertThat(ProcessTable.startTime(pid)).isEmpty();
        assertThat(provider().read(Requests.read(request, created)).exists()).isFalse();
        assertThat(provider().delete(Requests.delete(request, created)).alreadyGone()).isTrue();
    }

    @Test
    void processKilledOutOfBandReadsAsGone() {
        CreateRequest request = sleeper("victim", "sleep", "30");
        CreateResponse created = provider().create(request);
        ProcessHandle.of(pid(created)).orElseThrow().destroyForcibly();
        assertThat(Signals.awaitExit(pid(created), (Long) created.outputs().get("startTime"), Duration.ofSeconds(2)))
                .isTrue();
        assertThat(provider().read(Requests.read(request, created)).exists()).isFalse();
        assertThat(provider().delete(Requests.delete(request, created)).alreadyGone()).isTrue();
    }

    @Test
    void aPidWithAnotherStartTimeIsNeverMistakenForIt() {
        CreateRequest request = sleeper("reused", "sleep", "30");
        CreateResponse created = provider().create(request);
        Map<String, Object> stranger = new HashMap<>(created.outputs());
        stranger.put("startTime", (Long) created.outputs().get("startTime") - 1);

        var read = provider().read(new ReadRequest(request.address(), request.type(), created.id(),
                request.inputs(), stranger));
        assertThat(read.exists()).isFalse();
        assertThat(provider().delete(Requests.delete(request, created.id(), stranger, Requests.TIMEOUT))
                .alreadyGone()).isTrue();
        assertThat(ProcessTable.isSameProcess(pid(created), (Long) created.outputs().get("startTime")))
                .as("the real process was not touched").isTrue();
        provider().delete(Requests.delete(request, created));
    }

    @Test
    void httpCheckWaitsForTheServiceAndFindOwnedAndImportSeeIt() throws Exception {
        int port = ProcessFixture.freePort();
        CreateRequest request = Requests.create(stack, "web", LocalSchemas.PROCESS, Map.of(
                "command", ProcessFixture.testServer(port), "env", Map.of("PORT", Long.toString(port)),
                "httpCheck", "http://127.0.0.1:" + port + "/health"));
        CreateResponse created = provider().create(request);

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok app/web");

        List<OwnedObject> owned = provider().findOwned(new FindOwnedRequest(stack, Set.of(LocalSchemas.PROCESS)))
                .objects();
        assertThat(owned).singleElement().satisfies(object -> {
            assertThat(object.address().toString()).isEqualTo("app/web");
            assertThat(object.id()).isEqualTo(created.id());
            assertThat(object.inputs()).as("exactly the declared inputs").isEqualTo(request.inputs());
        });
        ImportResponse imported = provider().importResource(Requests.importing(LocalSchemas.PROCESS, created.id()));
        assertThat(imported.inputs()).isEqualTo(request.inputs());
        assertThat(imported.outputs()).containsEntry("startTime", created.outputs().get("startTime"))
                .containsEntry("stderrLog", created.outputs().get("stderrLog"));

        provider().delete(Requests.delete(request, created));
        assertThat(Files.readString(Path.of((String) created.outputs().get("stdoutLog"))))
                .contains("listening on " + port);
        assertThat(Files.readString(Path.of((String) created.outputs().get("stderrLog")))).contains("a line on stderr");
    }

    @Test
    void importsAProcessItDidNotStartByPid() throws Exception {
        Process foreign = new ProcessBuilder("sleep", "29").directory(workDir.toFile()).start();
        try {
            ImportResponse imported = provider().importResource(Requests.importing(LocalSchemas.PROCESS,
                    Long.toString(foreign.pid())));
            assertThat(imported.exists()).isTrue();
            assertThat(imported.inputs()).isEqualTo(Map.of("command", List.of("sleep", "29"),
                    "workingDirectory", workDir.toRealPath().toString()));
            assertThat(imported.outputs().get("startTime"))
                    .isEqualTo(ProcessTable.stat(foreign.pid()).orElseThrow().startTicks());
        } finally {
            foreign.destroyForcibly().waitFor();
        }
        assertThat(provider().importResource(Requests.importing(LocalSchemas.PROCESS,
                Long.toString(foreign.pid()))).exists()).isFalse();
    }

    @Test
    void replacementOnAFixedPortDeletesTheOldProcessFirst() throws Exception {
        int port = ProcessFixture.freePort();
        Map<String, Object> v1 = Map.of("command", ProcessFixture.testServer(port), "env", Map.of("VERSION", "1"),
                "tcpCheck", "127.0.0.1:" + port);
        Map<String, Object> v2 = Map.of("command", ProcessFixture.testServer(port), "env", Map.of("VERSION", "2"),
                "tcpCheck", "127.0.0.1:" + port);
        CreateRequest first = Requests.create(stack, "api", LocalSchemas.PROCESS, v1);
        CreateResponse old = provider().create(first);

        DiffResponse diff = provider().diff(new DiffRequest(first.address(), first.type(), old.id(), first.inputs(),
                old.outputs(), v2));
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);

        provider().delete(Requests.delete(first, old));
        CreateRequest second = Requests.create(stack, "api", LocalSchemas.PROCESS, v2);
        CreateResponse replacement = provider().create(second);
        assertThat(replacement.id()).isNotEqualTo(old.id());
        assertThat(ProcessTable.environment(pid(replacement))).containsEntry("VERSION", "2");
        provider().delete(Requests.delete(second, replacement));
    }

    @Test
    void readinessTimeoutFailsClearlyAndStopsTheProcess() throws Exception {
        int port = ProcessFixture.freePort();
        CreateRequest request = new CreateRequest(sleeper("slow", "sleep", "30").address(), LocalSchemas.PROCESS,
                Map.of("command", List.of("sleep", "30"), "tcpCheck", "127.0.0.1:" + port),
                sleeper("slow", "sleep").owner(), Duration.ofSeconds(1));
        assertThatThrownBy(() -> provider().create(request)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("app/slow").hasMessageContaining("did not become ready within 1s")
                .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("app.slow.err.log");
        assertThat(provider().findOwned(new FindOwnedRequest(stack, Set.of(LocalSchemas.PROCESS))).objects()).isEmpty();
    }

    @Test
    void refusesToStartWhenAnotherProgramAlreadyHoldsTheCheckedPort() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CreateRequest request = Requests.create(stack, "late", LocalSchemas.PROCESS, Map.of(
                    "command", List.of("sleep", "30"), "tcpCheck", "127.0.0.1:" + squatter.getLocalPort()));
            assertThatThrownBy(() -> provider().create(request)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("another program holds its port")
                    .satisfies(e -> assertThat(((ProviderException) e).retryable()).isTrue());
        }
    }

    @Test
    void earlyExitIsReportedWithTheEndOfStderr() {
        CreateRequest request = sleeper("crash", "sh", "-c", "echo boom >&2; exit 3");
        assertThatThrownBy(() -> provider().create(request)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("app/crash").hasMessageContaining("exited with code 3")
                .hasMessageContaining("boom");
    }

    @Test
    void deleteStopsTheWholeGroupAndKillsWhatIgnoresSigterm() {
        CreateRequest request = sleeper("stubborn", "sh", "-c", "trap '' TERM; sleep 30 & sleep 31 & wait");
        CreateResponse created = provider().create(request);
        long pid = pid(created);
        assertThat(awaitGroupSize(pid, 3)).hasSize(3);

        long begin = System.nanoTime();
        provider().delete(Requests.delete(request, created.id(), created.outputs(), Duration.ofSeconds(1)));
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("waited for SIGTERM first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(ProcessTable.groupMembers(pid)).isEmpty();
    }

    @Test
    void childrenOfAPoliteServiceStopWithIt() {
        CreateRequest request = sleeper("family", "sh", "-c", "sleep 30 & sleep 31 & wait");
        CreateResponse created = provider().create(request);
        long pid = pid(created);
        assertThat(awaitGroupSize(pid, 3)).hasSize(3);
        assertThat(provider().findOwned(new FindOwnedRequest(stack, Set.of(LocalSchemas.PROCESS))).objects())
                .as("children inherit the environment but are not listed").hasSize(1);
        provider().delete(Requests.delete(request, created));
        assertThat(ProcessTable.groupMembers(pid)).isEmpty();
    }
}
