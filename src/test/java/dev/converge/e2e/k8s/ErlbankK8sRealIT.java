package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Erlbank-on-Kubernetes example through the command line against the real API server (the mock
 * version is {@code ErlbankK8sEndToEndTest}): apply, a second apply and {@code plan --detailed-exitcode}
 * find nothing to do; {@code kubectl edit}, {@code kubectl scale} and {@code kubectl delete} show as drift
 * and are repaired; destroy removes every object with the stack's labels. Zero replicas: the Deployments
 * are rolled out by the real controller-manager without needing a node.
 */
class ErlbankK8sRealIT extends ErlbankOnRealCluster {

    /** Namespace, ConfigMap, three Deployments, three Services, Ingress. */
    static final int OBJECTS = 12;

    @BeforeEach
    void start() {
        cluster.writeStackConfig(dir, RealCluster.noPods(Map.of()));
    }

    /** Every object of the kinds the example uses with the stack's label: the namespace and what is in it. */
    static List<String> labelledObjects(KubernetesClient k8s, String namespace) {
        Map<String, String> selector = Map.of("converge.stack", namespace);
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(k8s.namespaces().withLabels(selector).list().getItems().stream()
                .filter(ns -> ns.getMetadata().getName().equals(namespace)).toList());
        found.addAll(k8s.configMaps().inNamespace(namespace).withLabels(selector).list().getItems());
        found.addAll(k8s.apps().deployments().inNamespace(namespace).withLabels(selector).list().getItems());
        found.addAll(k8s.services().inNamespace(namespace).withLabels(selector).list().getItems());
        found.addAll(k8s.network().v1().ingresses().inNamespace(namespace).withLabels(selector).list().getItems());
        return found.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).toList();
    }

    @Test
    void applyTwiceRepairKubectlDriftThenDestroy() {
        CliRun first = run("apply", "--auto-approve");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Resources: " + OBJECTS + " added, 0 changed, 0 destroyed.");
        assertThat(labelledObjects(cluster.admin(), cluster.namespace())).hasSize(OBJECTS);

        CliRun second = run("apply", "--auto-approve");
        assertThat(second.out()).as(second.all()).contains("No changes.");
        assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();

        cluster.kubectl("scale", "deployment/transfers", "--replicas=3");
        cluster.kubectl("label", "deployment/accounts", "app.kubernetes.io/part-of=someone-else", "--overwrite");
        cluster.kubectl("delete", "service/statements");
        CliRun drift = run("plan", "--detailed-exitcode");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(2);
        assertThat(drift.out()).contains("# deployments/transfers has changed", "~ spec.replicas = 0 -> 3",
                "# deployments/accounts has changed", "# services/statements has been deleted");
        CliRun repair = run("apply", "--auto-approve");
        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(repair.out()).contains("Resources: 1 added, 2 changed, 0 destroyed.");
        assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(cluster.admin().apps().deployments().inNamespace(cluster.namespace()).withName("transfers").get()
                .getSpec().getReplicas()).isZero();

        CliRun destroy = run("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(destroy.out()).contains("0 added, 0 changed, " + OBJECTS + " destroyed.");
        assertThat(labelledObjects(cluster.admin(), cluster.namespace())).isEmpty();
    }
}
