package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Erlbank-on-Kubernetes example with its pods running on the node of {@code scripts/k8s/start-node.sh}
 * (one replica per service and the front end; Erlbank's own images, built and imported): the first apply
 * returns once every Deployment is rolled out; a second apply and plan find nothing to do; a
 * {@code kubectl edit} of an image and a {@code kubectl scale} are drift, and their repair waits for the
 * rollout back; a new version rolls out; destroy waits until the pods are gone.
 */
class ErlbankK8sPodsIT extends ErlbankOnRealCluster {

    @BeforeEach
    void start() {
        cluster.requireNodeWithErlbankImages("1.0.0", "1.1.0");
        cluster.writeStackConfig(dir, Map.of("erlbank.version", "1.0.0"));
    }

    @Override
    CliRun run(String... args) {
        CliRun run = super.run(args);
        assertThat(run.exitCode()).as(run.all()).isIn(0, 2);
        return run;
    }

    private List<Pod> runningPods() {
        return cluster.admin().pods().inNamespace(cluster.namespace()).list().getItems().stream()
                .filter(pod -> "Running".equals(pod.getStatus().getPhase())
                        && pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private String image(String deployment) {
        return cluster.admin().apps().deployments().inNamespace(cluster.namespace()).withName(deployment).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void applyTwiceRepairDriftRollOutANewVersionAndDestroyWithPodsRunning() {
        assertThat(run("apply", "--auto-approve").out()).contains(ErlbankK8sRealIT.OBJECTS + " added");
        assertThat(runningPods()).as("one pod per service and the front end, running when apply returned").hasSize(4);
        assertThat(run("apply", "--auto-approve").out()).contains("No changes.");
        assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();

        cluster.kubectl("set", "image", "deployment/transfers", "transfers=erlbank/transfers:1.1.0");
        cluster.kubectl("scale", "deployment/accounts", "--replicas=2");
        CliRun drift = run("plan", "--detailed-exitcode");
        assertThat(drift.exitCode()).isEqualTo(2);
        assertThat(drift.out()).contains("erlbank/transfers:1.1.0", "~ spec.replicas = 2 -> 1");
        assertThat(run("apply", "--auto-approve").exitCode()).isZero();
        assertThat(image("transfers")).isEqualTo("erlbank/transfers:1.0.0");
        assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();

        cluster.writeStackConfig(dir, Map.of("erlbank.version", "1.1.0"));
        assertThat(run("apply", "--auto-approve").out()).contains("0 added, 4 changed");
        assertThat(runningPods()).extracting(pod -> pod.getSpec().getContainers().get(0).getImage())
                .containsExactlyInAnyOrder("erlbank/accounts:1.1.0", "erlbank/transfers:1.1.0",
                        "erlbank/statements:1.1.0", "erlbank/frontend:1.1.0");
        assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();

        assertThat(run("destroy", "--auto-approve").out()).contains(ErlbankK8sRealIT.OBJECTS + " destroyed");
        assertThat(cluster.admin().pods().inNamespace(cluster.namespace()).list().getItems()).isEmpty();
    }
}
