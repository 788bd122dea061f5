package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.deploy.TrafficClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Blue/green on pods that run, by a switch of the client Service's selector, with a client that never
 * retries sending requests through the Service's ClusterIP (kube-proxy) the whole time: the switch to a new
 * version, a {@code restart} (a fresh copy through the same verified switch) and a {@code rollback} to the
 * first release's serial, all without a failed request.
 */
class BlueGreenPodsIT extends PodsItSupport {

    @Test
    void switchesRestartsAndRollsBackWithoutAFailedRequest() throws Exception {
        applied(PodsService.blueGreen("v1"));
        String endpoint = output(PodsService.blueGreen("v1"), "endpoint");
        assertThat(endpoint).as("the client Service's ClusterIP").matches("http://\\d+\\.\\d+\\.\\d+\\.\\d+");
        try (TrafficClient client = new TrafficClient(endpoint, PodsService.APP, 2)) {
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v1");
            int before = client.results().size();
            applied(PodsService.blueGreen("v2"));
            Map<String, Integer> during = TrafficClient.counts(client.resultsFrom(before));
            assertThat(TrafficClient.counts(sample(client, 200))).containsOnlyKeys("v2");
            assertThat(output(PodsService.blueGreen("v2"), "live")).isEqualTo("green");
            assertThat(selectedColour()).isEqualTo("green");
            assertNoChanges(PodsService.blueGreen("v2"));

            Run restart = run(PodsService.blueGreen("v2"), "restart", "svc");
            assertThat(restart.exitCode()).as(restart.all()).isZero();
            assertThat(TrafficClient.counts(sample(client, 100))).containsOnlyKeys("v2");
            assertThat(selectedColour()).as("a fresh copy in the other colour").isEqualTo("blue");

            Run rollback = run(PodsService.blueGreen("v2"), "rollback", "--to", firstSerial(), "--auto-approve");
            assertThat(rollback.exitCode()).as(rollback.all()).isZero();
            assertThat(rollback.out()).contains("pinned to serial");
            assertThat(TrafficClient.counts(sample(client, 200))).containsOnlyKeys("v1");

            List<TrafficClient.Result> all = client.results();
            System.out.println("blue/green on pods: " + all.size() + " requests, " + TrafficClient.counts(all)
                    + "; during the switch " + during);
            assertThat(TrafficClient.failures(all)).as(TrafficClient.counts(all).toString()).isZero();
        }
        assertThat(deployments()).as("two colours run after a switch: the live one and the previous one")
                .hasSize(2).allSatisfy((name, replicas) -> assertThat(replicas).isEqualTo(2));
    }

    /** The colour the client Service {@code web} selects, from its selector. */
    private String selectedColour() {
        String instance = k8s.services().inNamespace(namespace).withName("web").get().getSpec().getSelector()
                .get("converge.dev/instance");
        return instance.substring(instance.lastIndexOf('-') + 1);
    }

    /** The serial of the first release, from {@code releases}. */
    private String firstSerial() {
        Run releases = run(PodsService.blueGreen("v2"), "releases");
        assertThat(releases.exitCode()).as(releases.all()).isZero();
        return releases.out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+")[0];
    }
}
