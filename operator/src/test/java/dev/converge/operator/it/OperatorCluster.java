package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.fail;

import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.StackEngine;
import dev.converge.operator.StackCrd;
import dev.converge.operator.controller.OperatorMain;
import dev.converge.operator.install.OperatorInstall;
import dev.converge.operator.itprograms.DemoProgram;
import dev.converge.providers.k8s.KubernetesStateBackend;
import dev.converge.testing.RequiredServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The operator on the one-node test cluster, set up once per test JVM: its images built FROM converge/jre:17
 * and imported into the node ({@code scripts/operator/build-images.sh}), the namespaces of the tests, and the
 * operator installed by its own Converge program ({@link OperatorInstall}, state in the cluster) with two
 * replicas and test-sized settings. Needs the Docker daemon and a cluster with a Ready node: without them
 * the tests skip, or fail under CONVERGE_REQUIRE_SERVERS=1 ({@link RequiredServer}).
 */
final class OperatorCluster {

    static final String OPERATOR_NAMESPACE = "converge-system";
    static final String PROGRAMS_IMAGE = "converge/operator-programs:test";
    static final String PROGRAM = DemoProgram.class.getName();
    /** One namespace per test class, each with the runners' service account. */
    static final List<String> NAMESPACES = List.of("op-basic", "op-approval", "op-bad", "op-kill", "op-ha",
            "op-scale");
    static final int MAX_CONCURRENT_RUNS = 5;
    static final Duration LEADER_LEASE = Duration.ofSeconds(10);

    private static OperatorCluster instance;

    final KubernetesClient client;
    final Path root;

    private OperatorCluster(KubernetesClient client, Path root) {
        this.client = client;
        this.root = root;
    }

    /** The cluster with the operator running, set up by the first caller. */
    static synchronized OperatorCluster get() {
        RequiredServer.KUBERNETES.value();
        RequiredServer.DOCKER.value();
        if (instance == null) {
            KubernetesClient client = new KubernetesClientBuilder().build();
            requireNode(client);
            OperatorCluster cluster = new OperatorCluster(client, root());
            long started = System.nanoTime();
            cluster.buildImages();
            cluster.install();
            System.out.printf("operator set up in %.1f s (images built and imported, installed, leader elected)%n",
                    (System.nanoTime() - started) / 1e9);
            instance = cluster;
        }
        return instance;
    }

    /** A Ready node runs the pods; without one the test skips, or fails when servers are required. */
    private static void requireNode(KubernetesClient client) {
        List<Node> nodes = client.nodes().list().getItems();
        boolean ready = nodes.stream().anyMatch(node -> node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        if (!ready) {
            String message = "no Ready node in the cluster of KUBECONFIG (" + nodes.size() + " nodes) — start one with:"
                    + " eval \"$(scripts/k8s/start-node.sh)\" (with the control plane's CONVERGE_K8S_DIR)";
            if ("1".equals(System.getenv(RequiredServer.REQUIRE_SERVERS))) {
                fail(message + " (" + RequiredServer.REQUIRE_SERVERS + " is set: a missing server fails the build)");
            }
            Assumptions.abort(message);
        }
    }

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("scripts")) ? here : here.getParent();
    }

    private void buildImages() {
        String testClasses = System.getProperty("converge.operator.testClasses",
                root.resolve("operator/target/test-classes").toString());
        Path log = root.resolve("operator/target/build-images.log");
        try {
            Process process = new ProcessBuilder(root.resolve("scripts/operator/build-images.sh").toString(), "--import",
                    "--programs", testClasses).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                fail("scripts/operator/build-images.sh failed (the operator's jar and target/operator-lib come from"
                        + " mvn package; converge/jre:17 from scripts/docker/build-base-images.sh):\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            fail("cannot run scripts/operator/build-images.sh: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while the images were built");
        }
    }

    /** Installs (or upgrades) the operator with its own program; its state lives in the cluster. */
    private void install() {
        for (String namespace : NAMESPACES) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).serverSideApply();
        }
        Path workDir = root.resolve("operator/target/operator-install");
        try {
            Files.createDirectories(workDir);
            Files.writeString(workDir.resolve("converge.operator.properties"), String.join("\n",
                    "operator.runnerNamespaces=" + String.join(",", NAMESPACES),
                    "operator.imagePullPolicy=Never",
                    "operator.maxConcurrentRuns=" + MAX_CONCURRENT_RUNS,
                    "operator.leaderLease=" + LEADER_LEASE.toSeconds() + "s",
                    "operator.backoff=2s", "operator.backoffMax=20s", "operator.jobTtl=30m", ""));
        } catch (IOException e) {
            fail("cannot write the install configuration: " + e);
        }
        try (KubernetesStateBackend state = new KubernetesStateBackend(client, "default");
                StackEngine engine = Converge.engine(new OperatorInstall()).stack("operator").workDir(workDir)
                        .stateBackend(state).releaseLog(false).environment(Map.of()).build()) {
            ApplyResult result = engine.apply(ApplyRequest.normal());
            if (!result.succeeded()) {
                fail("installing the operator failed: " + result.failures());
            }
        }
        // A new image under the same tag: restart the controller's pods so they run it.
        client.apps().deployments().inNamespace(OPERATOR_NAMESPACE).withName("converge-operator").rolling().restart();
        Waits.until("the operator's Deployment to be available with two replicas and a leader", Duration.ofMinutes(3),
                () -> leader().isPresent() && availableReplicas() == 2, this::operatorLogs);
    }

    int availableReplicas() {
        var deployment = client.apps().deployments().inNamespace(OPERATOR_NAMESPACE).withName("converge-operator")
                .get();
        Integer available = deployment == null || deployment.getStatus() == null ? null
                : deployment.getStatus().getAvailableReplicas();
        boolean updated = deployment != null && deployment.getStatus() != null
                && deployment.getStatus().getUpdatedReplicas() != null
                && deployment.getStatus().getUpdatedReplicas() == 2
                && (deployment.getStatus().getReplicas() == null || deployment.getStatus().getReplicas() == 2);
        return updated && available != null ? available : 0;
    }

    /** The pod holding the leader Lease, if its holder is a running pod. */
    java.util.Optional<String> leader() {
        var lease = client.leases().inNamespace(OPERATOR_NAMESPACE).withName(OperatorMain.LEADER_LEASE).get();
        String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        if (holder == null || holder.isEmpty()) {
            return java.util.Optional.empty();
        }
        var pod = client.pods().inNamespace(OPERATOR_NAMESPACE).withName(holder).get();
        return pod != null && pod.getMetadata().getDeletionTimestamp() == null ? java.util.Optional.of(holder)
                : java.util.Optional.empty();
    }

    /** The end of every operator pod's log, for failure messages. */
    String operatorLogs() {
        StringBuilder out = new StringBuilder();
        for (var pod : client.pods().inNamespace(OPERATOR_NAMESPACE).withLabel("app.kubernetes.io/name",
                StackCrd.OPERATOR).list().getItems()) {
            out.append("--- ").append(pod.getMetadata().getName()).append('\n');
            try {
                String log = client.pods().inNamespace(OPERATOR_NAMESPACE).withName(pod.getMetadata().getName())
                        .tailingLines(30).getLog();
                log.lines().filter(line -> !line.startsWith("\tat ")).forEach(line -> out.append(line).append('\n'));
            } catch (RuntimeException e) {
                out.append("(no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }
}
