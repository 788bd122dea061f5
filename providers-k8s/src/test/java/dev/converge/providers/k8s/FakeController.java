package dev.converge.providers.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the Deployment controller the mock server lacks: reports every Deployment in the namespace
 * as rolled out (observedGeneration, updated and available replicas), the way kube-controller-manager would.
 */
final class FakeController implements AutoCloseable {

    private final KubernetesClient client;
    private final Thread thread;
    private volatile boolean running = true;

    FakeController(KubernetesClient client) {
        this.client = client;
        this.thread = new Thread(this::loop, "fake-deployment-controller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                for (GenericKubernetesResource deployment : client.genericKubernetesResources(Kinds.require(
                        "k8s:Deployment").kind().context()).inAnyNamespace().list().getItems()) {
                    reportRolledOut(client, deployment);
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a conflict with the provider's own write: try again on the next round
            }
        }
    }

    /** Writes the status a finished rollout has, unless it is already there. */
    static void reportRolledOut(KubernetesClient client, GenericKubernetesResource deployment) {
        Map<String, Object> spec = deployment.get("spec");
        Object replicas = spec == null || spec.get("replicas") == null ? 1 : spec.get("replicas");
        Long generation = deployment.getMetadata().getGeneration();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", generation == null ? 1 : generation);
        status.put("replicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("availableReplicas", replicas);
        status.put("conditions", List.of(Map.of("type", "Available", "status", "True")));
        if (status.equals(deployment.getAdditionalProperties().get("status"))) {
            return;
        }
        deployment.setAdditionalProperty("status", status);
        client.resource(deployment).updateStatus();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
