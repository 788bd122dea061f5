package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateStore;
import dev.converge.testing.StateBackendContract;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.converge.spi.state.StateConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared state-store contract against one mock API server, each client with its own connection
 * (as two processes would have), plus what is specific to Kubernetes: chunking and the Lease.
 */
class KubernetesStateBackendTest extends StateBackendContract {

    private static MockApiServer api;
    private final List<KubernetesClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        api = new MockApiServer();
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @Override
    protected StateBackend newClient() {
        KubernetesClient client = api.newClient();
        clients.add(client);
        return new KubernetesStateBackend(client, "converge");
    }

    @AfterEach
    void closeConnections() {
        clients.forEach(KubernetesClient::close);
        clients.clear();
    }

    @Test
    void largeStateIsChunkedOverSecretsUnderOneMebibyteAndReadBackWhole() {
        StateBackend backend = newClient();
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        String v1 = backend.store("big").write(big, null);
        StateStore.StoredState read = newClient().store("big").read().orElseThrow();
        assertThat(read.bytes()).isEqualTo(big);
        assertThat(read.version()).isEqualTo(v1);
        var secrets = api.admin().secrets().inNamespace("converge").withLabel("converge.stack", "big").list()
                .getItems();
        assertThat(secrets).hasSize(1 + 7);
        assertThat(secrets).allSatisfy(secret -> assertThat(secret.getData().values().stream()
                .mapToInt(String::length).sum()).isLessThan(1024 * 1024));

        byte[] small = bytes("{\"serial\":2}");
        backend.store("big").write(small, v1);
        assertThat(newClient().store("big").read().orElseThrow().bytes()).isEqualTo(small);
        assertThat(api.admin().secrets().inNamespace("converge").withLabel("converge.stack", "big").list()
                .getItems()).as("the old chunks are deleted").hasSize(1);
    }

    /** Concurrent writers that read the same version: the API server's resourceVersion check decides. */
    @Test
    void concurrentWritesFromTheSameVersionHaveExactlyOneWinner() throws Exception {
        String base = newClient().store("race").write(bytes("v0"), null);
        List<StateBackend> writers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writers.add(newClient());
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers.size(); i++) {
                StateBackend writer = writers.get(i);
                byte[] document = bytes("v1-" + i);
                results.add(pool.submit(() -> {
                    try {
                        writer.store("race").write(document, base);
                        return true;
                    } catch (StateConflictException e) {
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(new String(newClient().store("race").read().orElseThrow().bytes(), StandardCharsets.UTF_8))
                .startsWith("v1-");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLockIsALeaseNamingItsHolderWithRenewTimeAsHeartbeat() {
        StateBackend backend = newClient();
        Instant now = Instant.parse("2026-01-02T03:04:05.123456Z");
        LockInfo mine = new LockInfo("lock-1", "ana", "ci-7", 42, "apply", now, now);
        assertThat(backend.lock("prod").tryAcquire(mine)).isEmpty();
        backend.lock("prod").heartbeat(mine.withHeartbeat(now.plusSeconds(60)));

        Lease lease = api.admin().leases().inNamespace("converge").withName("converge-lock-prod").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("lock-1");
        assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(now.plusSeconds(60));
        LockInfo refused = newClient().lock("prod").tryAcquire(new LockInfo("lock-2", "bo", "laptop", 7, "apply",
                now, now)).orElseThrow();
        assertThat(refused.describe()).contains("lock-1 held by ana@ci-7 (pid 42) for apply");
    }
}
