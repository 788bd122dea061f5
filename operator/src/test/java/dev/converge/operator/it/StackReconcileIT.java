package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Stack reconciled by the operator on the one-node cluster: its program (ConfigMaps, a Secret from a
 * Kubernetes Secret, an nginx Deployment and its Service) applied by a Job to Ready, a second reconcile at the
 * interval that applies nothing, and a Deployment deleted by hand: shown as Drifted by the next drift check,
 * repaired by the next reconcile.
 */
class StackReconcileIT {

    private static Stacks stacks;

    @BeforeAll
    static void operator() {
        stacks = new Stacks(OperatorCluster.get(), "op-basic");
    }

    @Test
    void reconcilesToReadyAppliesNothingTheSecondTimeAndRepairsDriftShownInBetween() {
        String name = Stacks.unique("web");
        stacks.client.secrets().inNamespace(stacks.namespace).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName(name + "-credentials").endMetadata()
                .addToStringData("demo.token", "s3cret-token-" + name)
                .addToStringData("secrets.passphrase", "passphrase-of-" + name).build()).create();
        Map<String, Object> spec = Stacks.demoSpec(Map.of("demo.greeting", "hello", "demo.web", "true"));
        spec.put("secretRefs", java.util.List.of(Map.of("name", name + "-credentials")));
        spec.put("interval", "30s");
        spec.put("driftCheckInterval", "5s");
        long created = System.nanoTime();
        stacks.create(name, spec);
        stacks.awaitSuccess(name, "Ready after the first apply", Duration.ofMinutes(3),
                s -> s.is(name, "Ready", "True", "Applied"));
        System.out.printf("stack %s Ready %.1f s after it was created%n", name, (System.nanoTime() - created) / 1e9);
        Map<String, Object> status = stacks.status(name);
        long serial = stacks.number(name, "lastAppliedSerial");
        assertThat(status.get("outputs")).isEqualTo(Map.of("greeting", "hello", "configMap", name + "-settings-1",
                "token", "(sensitive)"));
        assertThat(stacks.get(name).toString()).doesNotContain("s3cret-token");
        assertThat(stacks.client.apps().deployments().inNamespace(stacks.namespace).withName(name + "-web").get())
                .isNotNull();

        long runs = stacks.number(name, "runs");
        stacks.await(name, "the second reconcile, at the interval", Duration.ofMinutes(2),
                s -> s.number(name, "runs") > runs && "APPLY".equals(s.lastRun(name).get("mode"))
                        && s.lastRun(name).get("finishedAt") != null);
        assertThat(stacks.lastRun(name).get("result")).isEqualTo("NO_CHANGES");
        assertThat(stacks.is(name, "Ready", "True", "UpToDate")).isTrue();

        stacks.client.apps().deployments().inNamespace(stacks.namespace).withName(name + "-web").delete();
        stacks.await(name, "Drifted after the Deployment was deleted by hand", Duration.ofMinutes(1),
                s -> s.is(name, "Drifted", "True", "DriftDetected"));
        assertThat(stacks.condition(name, "Drifted").orElseThrow().get("message").toString())
                .contains("k8s:Deployment", "deleted outside Converge");
        assertThat(stacks.client.apps().deployments().inNamespace(stacks.namespace).withName(name + "-web").get())
                .as("drift is only reported until the next reconcile").isNull();
        stacks.await(name, "the drift repaired by the next reconcile", Duration.ofMinutes(2),
                s -> s.is(name, "Drifted", "False", "DriftRepaired") && s.is(name, "Ready", "True", "Applied"));
        assertThat(stacks.client.apps().deployments().inNamespace(stacks.namespace).withName(name + "-web").get())
                .isNotNull();
        assertThat(stacks.number(name, "lastAppliedSerial")).isGreaterThan(serial);
        assertThat(stacks.events(name)).anyMatch(e -> e.startsWith("DriftDetected"))
                .anyMatch(e -> e.startsWith("DriftRepaired"));
        stacks.delete(name);
    }
}
