package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.deploy.ForkKill;
import dev.converge.deploy.TrafficClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica-ratio canary on pods whose CLI (a forked JVM) is SIGKILLed while its first step holds (3 stable
 * pods + 1 canary pod behind the client Service, state still recording the old release): the rerun takes the
 * dead run's lock over by itself, restores the recorded routing, deletes the leftover Deployment and carries
 * the deployment out; every request is then answered by the new version, one Deployment is left, at its own
 * replica count, and the next plan is empty. A client that never retries counts failures throughout.
 */
class InterruptedCanaryPodsIT extends PodsItSupport {

    private static final long STEP_PAUSE_MILLIS = 120_000;
    private static final int REPLICAS = 4;

    /** The canary the killed run deploys: long steps, so the kill surely lands within the first. */
    private static PodsService slow(String version) {
        return PodsService.canary(version, Duration.ofMillis(STEP_PAUSE_MILLIS)).replicas(REPLICAS);
    }

    /** The same service with short steps, for the run after the kill. */
    private static PodsService quick(String version) {
        return PodsService.canary(version, Duration.ofSeconds(1)).replicas(REPLICAS);
    }

    @Test
    void aCanaryKilledAtItsFirstStepIsCarriedOutByTheRerun() throws Exception {
        applied(slow("v1"));
        String endpoint = output(slow("v1"), "endpoint");
        try (TrafficClient client = new TrafficClient(endpoint, PodsService.APP, 2)) {
            killAtFirstStep(client);
            Map<String, Integer> split = TrafficClient.counts(sample(client, 400));
            System.out.println("after the kill: " + split + ", Deployments " + deployments());
            assertThat(split).as("the kill leaves the first step's split in place").containsKeys("v1", "v2");
            assertThat(deployments()).containsValues(3, 1);
            assertThat(run(slow("v1"), "state", "list").exitCode()).as("state loads after the kill").isZero();

            Run resumed = applied(quick("v2"));
            assertThat(resumed.out()).contains("phase = \"interrupted\" -> \"stable\"");
            assertThat(resumed.err().lines().filter(line -> line.startsWith("Took over the lock of stack '" + stack + "'")))
                    .as(resumed.err()).singleElement().asString().contains("is no longer running");
            assertThat(TrafficClient.counts(sample(client, 300))).containsOnlyKeys("v2");
            List<TrafficClient.Result> all = client.results();
            System.out.println("interrupted canary on pods: " + all.size() + " requests, " + TrafficClient.counts(all));
            assertThat(TrafficClient.failures(all)).as(TrafficClient.counts(all).toString()).isZero();
        }
        assertThat(deployments()).as("one Deployment, no leftover, at its own replica count").hasSize(1)
                .containsValue(REPLICAS);
        assertNoChanges(quick("v2"));
    }

    /** Starts apply of v2 in another JVM and SIGKILLs it once the canary answers a client request. */
    private void killAtFirstStep(TrafficClient client) throws Exception {
        Path log = workDir.resolve("fork.log");
        Process fork = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")), PodsDeployMain.class.getName(), workDir.toString(), stack,
                "v2", String.valueOf(STEP_PAUSE_MILLIS), String.valueOf(REPLICAS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ForkKill.whenAnsweredBy("v2", client, fork, log, Duration.ofSeconds(180));
        System.out.println("killed the deploy at its first step:\n" + ForkKill.read(log));
    }

}
