package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Blue/green on Docker with a client that never retries: the switch and the automatic rollback. */
class BlueGreenIT extends DeployItSupport {

    @Test
    void switchesToTheNewVersionWithoutAFailedRequest() throws Exception {
        String endpoint = released(DeployProgram.of("bluegreen", "v1"));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP)) {
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v1");
            Run run = apply(DeployProgram.of("bluegreen", "v2"));
            assertThat(run.exitCode()).as(run.all()).isZero();
            List<TrafficClient.Result> after = sample(client, 100);
            assertThat(TrafficClient.counts(after)).containsOnlyKeys("v2");
            // A restart of a blue/green service is a verified switch to a fresh copy: no outage either.
            Run restart = run(DeployProgram.of("bluegreen", "v2"), "restart", "svc");
            assertThat(restart.exitCode()).as(restart.all()).isZero();
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v2");
            // A reconcile run of the unchanged program changes nothing.
            Run reconcile = run(DeployProgram.of("bluegreen", "v2"), "reconcile", "--interval", "1s", "--max-runs", "1");
            assertThat(reconcile.exitCode()).as(reconcile.all()).isZero();
            assertThat(reconcile.out()).contains("reconcile: run 1", "No changes");
            assertThat(run(DeployProgram.of("bluegreen", "v2"), "output", "live").out().strip()).isEqualTo("blue");
            List<TrafficClient.Result> all = client.results();
            System.out.println("blue/green switch: " + all.size() + " requests, " + TrafficClient.counts(all));
            assertThat(TrafficClient.failures(all)).as(TrafficClient.counts(all).toString()).isZero();
        }
        assertThat(run(DeployProgram.of("bluegreen", "v2"), "output", "live").out().strip()).isEqualTo("blue");
    }

    @Test
    void aVersionFailingItsProbeIsRolledBackWithoutAFailedRequest() throws Exception {
        String endpoint = released(DeployProgram.of("bluegreen", "v1"));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP)) {
            sample(client, 20);
            Run run = apply(DeployProgram.of("bluegreen", "v2").brokenAfter(0));
            assertThat(run.exitCode()).as(run.all()).isNotZero();
            assertThat(run.err()).contains("failed verification", "stays on the stable version (blue");
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v1");
            List<TrafficClient.Result> all = client.results();
            System.out.println("blue/green rollback: " + all.size() + " requests, " + TrafficClient.counts(all));
            assertThat(TrafficClient.failures(all)).isZero();
        }
        // The failed colour is gone: only the router and the stable colour run.
        assertThat(docker.listContainersCmd().withLabelFilter(java.util.Map.of("converge.stack", stack)).exec())
                .hasSize(2);
    }
}
