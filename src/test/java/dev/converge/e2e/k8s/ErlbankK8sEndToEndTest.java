package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's "done when" for the Erlbank-on-Kubernetes example, through the real command line and
 * the ServiceLoader-found {@code k8s} provider against the CRUD mock API server: apply creates
 * everything, a second apply and {@code plan --detailed-exitcode} find nothing to do, edits and a
 * deletion made out of band with another client show as drift and are repaired, and destroy removes
 * every object carrying the stack's labels.
 */
class ErlbankK8sEndToEndTest {

    private static final String NS = "erlbank";
    /** Namespace, two ConfigMaps, four Deployments (three services and the front end), four Services, Ingress. */
    private static final int OBJECTS = 12;

    @TempDir
    Path dir;

    private MockCluster cluster;
    private DeploymentController controller;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        controller = new DeploymentController(cluster.newClient(), Duration.ZERO);
        cluster.writeStackConfig(dir, "dev", Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        controller.close();
        cluster.close();
    }

    private CliRun run(String... args) {
        return CliRun.of(new ErlbankK8s(), dir, null, args);
    }

    /** Every object of any kind the example uses that carries stack {@code dev}'s label. */
    private List<String> labelledObjects() {
        KubernetesClient k8s = cluster.admin();
        Map<String, String> selector = Map.of("converge.stack", "dev");
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(k8s.namespaces().withLabels(selector).list().getItems());
        found.addAll(k8s.configMaps().inAnyNamespace().withLabels(selector).list().getItems());
        found.addAll(k8s.apps().deployments().inAnyNamespace().withLabels(selector).list().getItems());
        found.addAll(k8s.services().inAnyNamespace().withLabels(selector).list().getItems());
        found.addAll(k8s.network().v1().ingresses().inAnyNamespace().withLabels(selector).list().getItems());
        return found.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).toList();
    }

    private String logLevel() {
        return cluster.admin().configMaps().inNamespace(NS).withName("erlbank-settings").get().getData().get("LOG_LEVEL");
    }

    private String image(String deployment) {
        return cluster.admin().apps().deployments().inNamespace(NS).withName(deployment).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void applyTwiceDetectAndRepairDriftThenDestroy() {
        CliRun first = run("apply", "--auto-approve");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Apply complete! Resources: " + OBJECTS + " added, 0 changed, 0 destroyed.");
        assertThat(labelledObjects()).hasSize(OBJECTS);
        assertThat(image("accounts")).isEqualTo("erlbank/accounts:1.0.0");
        assertThat(cluster.admin().network().v1().ingresses().inNamespace(NS).withName("erlbank-web").get()
                .getSpec().getRules()).flatExtracting(rule -> rule.getHttp().getPaths())
                .extracting(path -> path.getPath() + " -> " + path.getBackend().getService().getName())
                .containsExactly("/accounts -> accounts", "/transfers -> transfers", "/statements -> statements");

        CliRun second = run("apply", "--auto-approve");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).as(second.all()).contains("No changes.");
        CliRun clean = run("plan", "--detailed-exitcode");
        assertThat(clean.exitCode()).as(clean.all()).isZero();

        driftIsShownAndRepaired();

        CliRun destroy = run("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(destroy.out()).contains("Resources: 0 added, 0 changed, " + OBJECTS + " destroyed.");
        assertThat(labelledObjects()).isEmpty();
    }

    private void driftIsShownAndRepaired() {
        KubernetesClient other = cluster.admin();
        other.configMaps().inNamespace(NS).withName("erlbank-settings")
                .edit(map -> { map.getData().put("LOG_LEVEL", "trace"); return map; });
        other.apps().deployments().inNamespace(NS).withName("transfers").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("attacker/transfers:6.6.6");
            return d;
        });
        other.services().inNamespace(NS).withName("statements").delete();
        assertThat(other.services().inNamespace(NS).withName("statements").get()).isNull();

        CliRun drift = run("plan", "--detailed-exitcode");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(2);
        assertThat(drift.out()).as(drift.all())
                .contains("# erlbank-settings has changed", "~ data.LOG_LEVEL = \"info\" -> \"trace\"",
                        "# deployments/transfers has changed", "# services/statements has been deleted",
                        "~ data.LOG_LEVEL = \"trace\" -> \"info\"", "# services/statements will be created",
                        "# deployments/transfers will be updated in-place")
                .containsPattern("\"image\" = \"attacker/transfers:6.6.6\".*->.*\"image\" = \"erlbank/transfers:1.0.0\"")
                .contains("Plan: 1 to add, ");
        assertThat(logLevel()).as("plan changes nothing").isEqualTo("trace");
        assertThat(other.services().inNamespace(NS).withName("statements").get()).as("plan changes nothing").isNull();

        CliRun repair = run("apply", "--auto-approve");
        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(repair.out()).contains("Apply complete! Resources: 1 added, ");
        assertThat(logLevel()).isEqualTo("info");
        assertThat(image("transfers")).isEqualTo("erlbank/transfers:1.0.0");
        assertThat(other.services().inNamespace(NS).withName("statements").get().getSpec().getSelector())
                .containsEntry("app", "statements");
        assertThat(labelledObjects()).hasSize(OBJECTS);
        CliRun after = run("plan", "--detailed-exitcode");
        assertThat(after.exitCode()).as(after.all()).isZero();
    }
}
