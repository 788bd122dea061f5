package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy --pause-at 10} on real containers: the canary keeps its 10% share while paused (across
 * processes: each command is a new CLI run), {@code promote} finishes it and {@code abort} takes it back,
 * with a client that never retries counting every failure.
 */
class PausedDeployIT extends DeployItSupport {

    private static DeployProgram canary(String version) {
        return DeployProgram.of("canary", version).canary(c -> c.steps(10, 50, 100).stepPause(Duration.ofSeconds(1)));
    }

    @Test
    void aCanaryPausedAtTenPercentKeepsItsShareUntilPromoted() throws Exception {
        String endpoint = released(canary("v1"));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            Run paused = run(canary("v2"), "deploy", "--pause-at", "10", "--auto-approve");
            assertThat(paused.exitCode()).as(paused.all()).isZero();
            assertThat(paused.out()).contains("svc: paused at step 10");
            List<TrafficClient.Result> share = sample(client, 1000);
            Map<String, Integer> counts = TrafficClient.counts(share);
            System.out.println("paused at 10%: " + counts);
            assertThat(counts.getOrDefault("v2", 0)).as(counts.toString()).isBetween(60, 140);
            Run promoted = run(canary("v2"), "promote", "svc");
            assertThat(promoted.exitCode()).as(promoted.all()).isZero();
            assertThat(TrafficClient.counts(sample(client, 100))).containsOnlyKeys("v2");
            assertThat(TrafficClient.failures(client.results())).as(TrafficClient.counts(client.results()).toString())
                    .isZero();
        }
        assertThat(instances()).isEqualTo(2);
    }

    @Test
    void abortingAPausedCanaryPutsEveryRequestBackOnTheStableVersion() throws Exception {
        String endpoint = released(canary("v1"));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            assertThat(run(canary("v2"), "deploy", "--pause-at", "10", "--auto-approve").exitCode()).isZero();
            assertThat(TrafficClient.counts(sample(client, 300))).containsKeys("v1", "v2");
            Run aborted = run(canary("v2"), "abort", "svc");
            assertThat(aborted.exitCode()).as(aborted.all()).isZero();
            assertThat(TrafficClient.counts(sample(client, 200))).containsOnlyKeys("v1");
            assertThat(TrafficClient.failures(client.results())).isZero();
        }
        assertThat(instances()).isEqualTo(2);
        assertThat(run(canary("v1"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    private long instances() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("converge.stack", stack)).exec().size();
    }
}
