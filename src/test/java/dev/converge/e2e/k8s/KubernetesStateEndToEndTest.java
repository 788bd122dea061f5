package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import dev.converge.providers.k8s.KubernetesStateBackend;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's Kubernetes state backend through the command line: state kept in a Secret (nothing
 * local), a second apply is a no-op, and of two concurrent applies from independent clients exactly
 * one proceeds while the other is refused naming the Lease holder. The tests are independent; the
 * single-run test goes first only so the JVM is warm when two runs start at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesStateEndToEndTest {

    private static final String STATE_NS = "converge-state";
    private static final String STATE_SECRET = "converge-state-dev";
    private static final String LOCK_LEASE = "converge-lock-dev";
    /** How long the controller stand-in takes to roll a Deployment out: keeps the winner busy. */
    private static final Duration ROLLOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private MockCluster cluster;
    private DeploymentController controller;

    private void startCluster(Duration rollout) throws Exception {
        cluster = new MockCluster();
        controller = new DeploymentController(cluster.newClient(), rollout);
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A working directory with the stack config, as on one machine. */
    private Path machine(String name) throws Exception {
        Path workDir = Files.createDirectories(dir.resolve(name));
        cluster.writeStackConfig(workDir, "dev", Map.of());
        return workDir;
    }

    /** One CLI run with its own API client and Kubernetes state backend, as another process would have. */
    private CliRun applyWithOwnClient(Path workDir) {
        try (KubernetesClient client = cluster.newClient()) {
            return CliRun.of(new ErlbankK8s(), workDir, new KubernetesStateBackend(client, STATE_NS),
                    "apply", "--auto-approve");
        }
    }

    private Lease lease() {
        return cluster.admin().leases().inNamespace(STATE_NS).withName(LOCK_LEASE).get();
    }

    @Test
    @Order(1)
    void stateLivesInASecretAndASecondApplyIsANoOp() throws Exception {
        startCluster(Duration.ZERO);
        Path workDir = machine("one");
        CliRun first = applyWithOwnClient(workDir);
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Apply complete! Resources: 12 added, 0 changed, 0 destroyed.");

        var secret = cluster.admin().secrets().inNamespace(STATE_NS).withName(STATE_SECRET).get();
        assertThat(secret).as("state Secret " + STATE_NS + "/" + STATE_SECRET).isNotNull();
        assertThat(secret.getData()).isNotEmpty();
        assertThat(lease()).as("the lock is released after the run").isNull();
        try (var local = Files.walk(workDir)) {
            assertThat(local.map(p -> workDir.relativize(p).toString()).filter(p -> p.startsWith(".converge")
                    && p.contains("state"))).as("no local state file").isEmpty();
        }

        CliRun second = applyWithOwnClient(machine("two"));
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).as("another machine sees the same state").contains("No changes.");
        assertThat(cluster.admin().apps().deployments().inNamespace("erlbank").list().getItems()).hasSize(4);
    }

    @Test
    @Order(2)
    void ofTwoConcurrentAppliesOneProceedsAndTheOtherNamesTheLeaseHolder() throws Exception {
        startCluster(ROLLOUT);
        Path a = machine("a");
        Path b = machine("b");
        Set<String> holders = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<?> watcher = pool.submit(() -> watchLeaseHolders(holders));
            Future<CliRun> runA = pool.submit(() -> { start.await(); return applyWithOwnClient(a); });
            Future<CliRun> runB = pool.submit(() -> { start.await(); return applyWithOwnClient(b); });
            List<CliRun> runs = List.of(runA.get(3, TimeUnit.MINUTES), runB.get(3, TimeUnit.MINUTES));
            watcher.cancel(true);

            List<CliRun> byExit = runs.stream().sorted(Comparator.comparingInt(CliRun::exitCode)).toList();
            CliRun winner = byExit.get(0);
            CliRun loser = byExit.get(1);
            assertThat(runs).extracting(CliRun::exitCode).as(runs.get(0).all() + "\n---\n" + runs.get(1).all())
                    .containsExactlyInAnyOrder(0, 1);
            assertThat(winner.out()).contains("Apply complete! Resources: 12 added, 0 changed, 0 destroyed.");
            assertThat(loser.all()).doesNotContain("Creating...").doesNotContain("Apply complete");

            // The refusal happened while the winner still worked: the runs really overlapped.
            assertThat(loser.endNanos()).as("loser refused before the winner finished").isLessThan(winner.endNanos());
            assertThat(Duration.ofNanos(winner.endNanos() - winner.startNanos())).isGreaterThanOrEqualTo(ROLLOUT);

            assertThat(holders).as("exactly one run ever held the Lease").hasSize(1);
            String holder = holders.iterator().next();
            assertThat(loser.err()).as(loser.all()).contains("is locked", "namespace " + STATE_NS, holder, "held by",
                    "for apply", "pid " + ProcessHandle.current().pid());
        } finally {
            pool.shutdownNow();
        }
        assertThat(lease()).as("the winner released the lock").isNull();
        assertThat(cluster.admin().apps().deployments().inNamespace("erlbank").list().getItems()).hasSize(4);
        CliRun after = applyWithOwnClient(machine("c"));
        assertThat(after.exitCode()).as(after.all()).isZero();
        assertThat(after.out()).contains("No changes.");
    }

    /** Records every holder identity the lock Lease shows, until interrupted. */
    private Void watchLeaseHolders(Set<String> holders) {
        try (KubernetesClient client = cluster.newClient()) {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Lease lease = client.leases().inNamespace(STATE_NS).withName(LOCK_LEASE).get();
                    if (lease != null && lease.getSpec().getHolderIdentity() != null) {
                        holders.add(lease.getSpec().getHolderIdentity());
                    }
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return null;
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
