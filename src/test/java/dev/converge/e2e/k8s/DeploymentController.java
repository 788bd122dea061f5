package dev.converge.e2e.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the Deployment controller the mock server lacks: once a Deployment generation has been seen
 * for {@code rolloutTime}, reports it rolled out (observedGeneration, replicas, availableReplicas and
 * an Available condition), as kube-controller-manager would. A non-zero rollout time makes applies
 * slow on purpose, so concurrent runs overlap. Owns its client and closes it.
 */
final class DeploymentController implements AutoCloseable {

    private final KubernetesClient client;
    private final long rolloutNanos;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    DeploymentController(KubernetesClient client, Duration rolloutTime) {
        this.client = client;
        this.rolloutNanos = rolloutTime.toNanos();
        this.thread = new Thread(this::loop, "e2e-deployment-controller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
                    maybeRollOut(deployment);
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a conflict with the provider's own write, or the server closing: retry next round
            }
        }
    }

    private void maybeRollOut(Deployment deployment) {
        long generation = deployment.getMetadata().getGeneration() == null ? 1 : deployment.getMetadata().getGeneration();
        String key = deployment.getMetadata().getUid() + "@" + generation;
        long seen = firstSeen.computeIfAbsent(key, k -> System.nanoTime());
        if (System.nanoTime() - seen < rolloutNanos) {
            return;
        }
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        DeploymentCondition available = new DeploymentConditionBuilder().withType("Available").withStatus("True")
                .withReason("MinimumReplicasAvailable").build();
        DeploymentStatus status = new DeploymentStatusBuilder().withObservedGeneration(generation)
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas).withConditions(available).build();
        if (status.equals(deployment.getStatus())) {
            return;
        }
        deployment.setStatus(status);
        client.apps().deployments().resource(deployment).updateStatus();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
