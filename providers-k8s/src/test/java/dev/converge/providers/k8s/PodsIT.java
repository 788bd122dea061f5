package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.ProviderException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What needs pods that really run (the control plane and the node of {@code scripts/k8s/}): creates wait for
 * the rollout the real controllers and kubelet carry out, a rollout that cannot progress fails naming the
 * condition, deletion waits for the pods to go, and a real HorizontalPodAutoscaler's {@code spec.replicas}
 * is neither drift nor overwritten. The mock tests play these parts ({@code WorkloadTest}'s
 * {@code FakeController} and its hand-written managedFields of {@code kube-controller-manager}).
 */
class PodsIT extends OnRealApiServer {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String IMAGE = "converge/nginx:1";

    private KubernetesProvider provider;

    @BeforeEach
    void start() {
        server.requireNode();
        provider = server.provider(server.stack(), Map.of());
    }

    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    private List<Pod> pods(String app) {
        return server.admin().pods().inNamespace(server.namespace()).withLabel("app", app).list().getItems();
    }

    @Test
    void createsWaitForTheRolloutAndDeleteWaitsForThePodsToGo() {
        Address address = Address.parse("web");
        CreateResponse created = provider.create(Fixtures.create(server.stack(), address,
                dev.converge.providers.k8s.Deployment.of("web").image(IMAGE).replicas(2L).port(80), TIMEOUT));
        assertThat(created.outputs().get("status")).isInstanceOfSatisfying(Map.class,
                status -> assertThat(status).containsEntry("availableReplicas", 2L));
        assertThat(pods("web")).hasSize(2).allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Running"));

        CreateResponse set = provider.create(Fixtures.create(server.stack(), Address.parse("db"),
                StatefulSet.of("db").image(IMAGE).replicas(1L).specField("db", "serviceName"), TIMEOUT));
        assertThat(set.outputs().get("status")).isInstanceOfSatisfying(Map.class,
                status -> assertThat(status).containsEntry("availableReplicas", 1L));

        provider.delete(new DeleteRequest(address, "k8s:Deployment", created.id(), Map.of(), Map.of(), TIMEOUT));
        assertThat(pods("web")).extracting(pod -> pod.getMetadata().getName())
                .as("pods left when the delete returned").isEmpty();
    }

    @Test
    void aRolloutThatCannotProgressFailsNamingTheCondition() {
        dev.converge.providers.k8s.Deployment stuck = dev.converge.providers.k8s.Deployment.of("stuck")
                .image("converge/not-imported:1").replicas(1L).specField(5L, "progressDeadlineSeconds")
                .specField("Never", "template", "spec", "containers", 0, "imagePullPolicy");
        assertThatThrownBy(() -> provider.create(Fixtures.create(server.stack(), Address.parse("stuck"), stuck,
                Duration.ofSeconds(40))))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("k8s:Deployment " + server.namespace()
                        + "/stuck failed to roll out within its progressDeadlineSeconds")
                .hasMessageContaining("0 of 1 replicas available")
                .hasMessageContaining("Progressing=False (ProgressDeadlineExceeded")
                .hasMessageContaining("ErrImageNeverPull");
    }

    /** The real HPA scales to its minimum (no metrics needed for that) with the scale subresource. */
    record Autoscaled(String mode) implements Program {
        @Override
        public void define(dev.converge.api.Stack stack) {
            var web = stack.add(dev.converge.providers.k8s.Deployment.of("web").image(IMAGE).replicas(1L).port(80)
                    .env("MODE", mode));
            stack.add(HorizontalPodAutoscaler.of("web-scaler").scales(web.output(KubernetesObject::name)).replicas(2, 3)
                    .cpuUtilization(80));
        }
    }

    @Test
    void replicasARealAutoscalerSetAreNeitherDriftNorOverwritten() throws Exception {
        server.writeStackConfig(dir, Map.of());
        CliRun first = server.cli(new Autoscaled("a"), dir, "apply", "--auto-approve");
        assertThat(first.exitCode()).as(first.all()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (web().getSpec().getReplicas() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(web().getSpec().getReplicas()).as("the HPA raised replicas to its minimum").isEqualTo(2);
        assertThat(web().getMetadata().getManagedFields()).anySatisfy(entry -> {
            assertThat(entry.getManager()).isEqualTo("kube-controller-manager");
            assertThat(entry.getSubresource()).isEqualTo("scale");
        });

        CliRun plan = server.cli(new Autoscaled("a"), dir, "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        CliRun change = server.cli(new Autoscaled("b"), dir, "apply", "--auto-approve");
        assertThat(change.exitCode()).as(change.all()).isZero();
        assertThat(change.out()).doesNotContain("replicas");
        assertThat(web().getSpec().getReplicas()).isEqualTo(2);
        assertThat(web().getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(server.cli(new Autoscaled("b"), dir, "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    private Deployment web() {
        return server.admin().apps().deployments().inNamespace(server.namespace()).withName("web").get();
    }
}
