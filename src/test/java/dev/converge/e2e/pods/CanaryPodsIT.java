package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.deploy.TrafficClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A canary by replica ratio ({@code canaryBy=replicas}, ten replicas) on pods that run, measured by a client
 * that never retries and sends every request on a new connection through the client Service's ClusterIP, so
 * kube-proxy picks a pod for each (paced, so that its source ports do not repeat within the two minutes
 * conntrack keeps a connection's choice of pod; see docs/kubernetes.md): held at each step with {@code deploy --pause-at} / {@code promote --pause-at},
 * the share of answers from the new version is within five points of the step's over 1,000 requests. A canary
 * that breaks under its first client requests is rolled back: every request back on the stable version's ten
 * pods, the canary's Deployment and pods deleted.
 */
class CanaryPodsIT extends PodsItSupport {

    private static final int REQUESTS = 1000;
    /** Requests a second: few enough that the client's source ports do not repeat within conntrack's 120 s. */
    private static final int PACE = 100;

    private static PodsService canary(String version) {
        return PodsService.canary(version, Duration.ofSeconds(2));
    }

    @Test
    void eachStepGivesTheNewVersionItsShareOfThePods() throws Exception {
        applied(canary("v1"));
        String endpoint = output(canary("v1"), "endpoint");
        try (TrafficClient client = new TrafficClient(endpoint, PodsService.APP, 4, PACE)) {
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v1");
            Run paused = run(canary("v2"), "deploy", "--pause-at", "10", "--auto-approve");
            assertThat(paused.exitCode()).as(paused.all()).isZero();
            assertThat(deployments()).containsValues(9, 1);
            assertShare(client, 10);
            Run half = run(canary("v2"), "promote", "svc", "--pause-at", "50");
            assertThat(half.exitCode()).as(half.all()).isZero();
            assertThat(deployments()).containsValues(5, 5);
            assertShare(client, 50);
            Run promoted = run(canary("v2"), "promote", "svc");
            assertThat(promoted.exitCode()).as(promoted.all()).isZero();
            assertThat(TrafficClient.counts(sample(client, 200))).containsOnlyKeys("v2");
            List<TrafficClient.Result> all = client.results();
            System.out.println("canary on pods: " + all.size() + " requests, " + TrafficClient.counts(all));
            assertThat(TrafficClient.failures(all)).as(TrafficClient.counts(all).toString()).isZero();
        }
        assertThat(deployments()).as("the new version alone, back at its ten replicas").hasSize(1).containsValue(10);
        assertNoChanges(canary("v2"));
    }

    @Test
    void aCanaryThatBreaksAtTheFirstStepIsRolledBackAndItsPodsDeleted() throws Exception {
        applied(canary("v1"));
        String endpoint = output(canary("v1"), "endpoint");
        try (TrafficClient client = new TrafficClient(endpoint, PodsService.APP, 2)) {
            sample(client, 20);
            int before = client.results().size();
            Run run = run(canary("v2").breakingUnderTraffic(), "apply", "--auto-approve");
            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.err()).contains("failed verification", "at 10%", "all traffic stays on the stable version");
            Map<String, Integer> during = TrafficClient.counts(client.resultsFrom(before));
            List<TrafficClient.Result> after = sample(client, 300);
            System.out.println("canary rollback on pods: during " + during + ", after " + TrafficClient.counts(after));
            assertThat(during).as("the canary answered clients at its step").containsKey("v2");
            assertThat(TrafficClient.counts(after)).containsOnlyKeys("v1");
            assertThat(TrafficClient.failures(client.results())).isZero();
        }
        assertThat(deployments()).as("the stable version alone, back at its ten replicas").hasSize(1).containsValue(10);
        awaitNoPodsOf("green");
    }

    /** {@code REQUESTS} answers from now on: the new version's share is within five points of {@code percent}. */
    private static void assertShare(TrafficClient client, int percent) throws InterruptedException {
        List<TrafficClient.Result> step = sample(client, REQUESTS);
        Map<String, Integer> counts = TrafficClient.counts(step);
        double share = 100.0 * counts.getOrDefault("v2", 0) / step.size();
        System.out.printf("canary on pods at %d%%: %s, share %.1f%%%n", percent, counts, share);
        assertThat(step).hasSize(REQUESTS);
        assertThat(share).as(counts.toString()).isBetween(percent - 5.0, percent + 5.0);
    }

    /** The pods of the version in {@code slot} are gone (the garbage collector deletes them after their Deployment). */
    private void awaitNoPodsOf(String slot) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int left = -1;
        while (System.nanoTime() < deadline) {
            left = k8s.pods().inNamespace(namespace).withLabel("converge.dev/slot", slot).list().getItems().size();
            if (left == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(left + " pods of the " + slot + " version are still there after 60 s");
    }
}
