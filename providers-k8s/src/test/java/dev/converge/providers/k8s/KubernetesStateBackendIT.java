package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateStore;
import dev.converge.testing.RequiredServer;
import dev.converge.testing.StateBackendContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes state backend against the real API server: the shared {@link StateBackendContract}
 * (each client with its own connection), a state over 1 MiB chunked over Secrets the server accepts (it
 * refuses a Secret over 1 MiB, which the mock in {@code KubernetesStateBackendTest} did not), the Lease
 * lock taken by two JVMs at once (exactly one wins, the other is refused naming the winner), and a
 * missing namespace reported as such.
 */
class KubernetesStateBackendIT extends StateBackendContract {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1, before it connects. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    private static RealApiServer server;
    private final List<KubernetesClient> clients = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = new RealApiServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected StateBackend newClient() {
        KubernetesClient client = RealApiServer.newClient();
        clients.add(client);
        return new KubernetesStateBackend(client, server.namespace());
    }

    @AfterEach
    void closeConnections() {
        clients.forEach(KubernetesClient::close);
        clients.clear();
    }

    @Test
    void aStateOverOneMebibyteIsChunkedIntoSecretsTheServerAcceptsAndReadBackWhole() {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        String v1 = newClient().store("big").write(big, null);
        StateStore.StoredState read = newClient().store("big").read().orElseThrow();
        assertThat(read.bytes()).isEqualTo(big);
        assertThat(read.version()).isEqualTo(v1);
        assertThat(server.admin().secrets().inNamespace(server.namespace()).withLabel("converge.stack", "big").list()
                .getItems()).hasSize(1 + 7);

        byte[] small = "{\"serial\":2}".getBytes(StandardCharsets.UTF_8);
        newClient().store("big").write(small, v1);
        assertThat(newClient().store("big").read().orElseThrow().bytes()).isEqualTo(small);
        assertThat(server.admin().secrets().inNamespace(server.namespace()).withLabel("converge.stack", "big").list()
                .getItems()).as("the old chunks are deleted").hasSize(1);
    }

    /** Two JVMs ask for the same stack's Lease at the same moment: one holds it, the other names that holder. */
    @Test
    void ofTwoProcessesTakingTheLeaseAtOnceExactlyOneWinsAndTheOtherNamesIt() throws Exception {
        String stack = "race-" + UUID.randomUUID().toString().substring(0, 8);
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path log = dir.resolve("lock-" + i + ".log");
            logs.add(log);
            processes.add(LockMain.fork(log, server.namespace(), stack, "lock-" + i, go, 3000));
        }
        LockMain.awaitReady(logs);
        Files.writeString(go, "go");
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<String> outputs = new ArrayList<>();
        for (Path log : logs) {
            outputs.add(Files.readString(log, StandardCharsets.UTF_8));
        }
        assertThat(outputs).as(String.join("\n---\n", outputs)).filteredOn(o -> o.contains("ACQUIRED")).hasSize(1);
        String winner = outputs.stream().filter(o -> o.contains("ACQUIRED")).findFirst().orElseThrow();
        String loser = outputs.stream().filter(o -> !o.contains("ACQUIRED")).findFirst().orElseThrow();
        String winnerId = winner.contains("lock-0") ? "lock-0" : "lock-1";
        long winnerPid = processes.get(winnerId.equals("lock-0") ? 0 : 1).pid();
        assertThat(loser).as(loser).contains("REFUSED", winnerId + " held by", "(pid " + winnerPid + ")", "for apply");
        assertThat(server.admin().leases().inNamespace(server.namespace()).withName("converge-lock-" + stack).get())
                .as("the winner released the Lease").isNull();
    }

    @Test
    void aNamespaceThatDoesNotExistIsNamedWithTheFix() {
        try (KubernetesClient client = RealApiServer.newClient()) {
            StateBackend backend = new KubernetesStateBackend(client, "no-such-namespace");
            Instant now = Instant.now();
            assertThatThrownBy(() -> backend.lock("dev").tryAcquire(new LockInfo("l", "u", "h", 1, "apply", now, now)))
                    .hasMessageContaining("namespace no-such-namespace").hasMessageContaining("does not exist")
                    .hasMessageContaining("kubectl create namespace no-such-namespace");
            assertThatThrownBy(() -> backend.store("dev").write(new byte[] {1}, null))
                    .hasMessageContaining("kubectl create namespace no-such-namespace");
        }
    }

    static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
