package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deploy SIGKILLed between a canary's steps (a real process, killed while 10% of the traffic reaches
 * the new version and state still records the old release): the next run sees the interruption on
 * refresh and either resumes the new version or, when the program went back, rolls back to the old one.
 * Either way every request is then answered by one version and no instance is left behind. The dead
 * run's lock is taken over by the next apply itself, which says so; no one runs {@code force-unlock}.
 */
class InterruptedDeployIT extends DeployItSupport {

    private static final long STEP_PAUSE_MILLIS = 20_000;

    /** The canary the killed run deploys: long steps, so the kill surely lands within the first. */
    private static DeployProgram canary(String version) {
        return DeployProgram.of("canary", version).canary(c -> c.steps(10, 50, 100)
                .stepPause(Duration.ofMillis(STEP_PAUSE_MILLIS)));
    }

    /** The same service with short steps, for the runs after the kill. */
    private static DeployProgram quick(String version) {
        return DeployProgram.of("canary", version).canary(c -> c.steps(10, 50, 100).stepPause(Duration.ofSeconds(1)));
    }

    @Test
    void aDeployKilledAtTheTenPercentStepIsResumedByTheNextApply() throws Exception {
        String endpoint = released(canary("v1"));
        killAtFirstStep(endpoint);
        Run resumed = apply(quick("v2"));
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertTookOverTheDeadRunsLock(resumed);
        assertThat(resumed.out()).contains("phase = \"interrupted\" -> \"stable\"");
        assertSettledOn(endpoint, "v2");
    }

    @Test
    void aDeployKilledAtTheTenPercentStepIsRolledBackWhenTheProgramStillWantsTheOldVersion() throws Exception {
        String endpoint = released(canary("v1"));
        killAtFirstStep(endpoint);
        Run plan = run(canary("v1"), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("phase = \"interrupted\" -> \"stable\"");
        Run repaired = apply(canary("v1"));
        assertThat(repaired.exitCode()).as(repaired.all()).isZero();
        assertTookOverTheDeadRunsLock(repaired);
        assertSettledOn(endpoint, "v1");
        assertThat(run(canary("v1"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    /** Starts apply of v2 in another JVM and SIGKILLs it once the canary answers a client request. */
    private void killAtFirstStep(String endpoint) throws Exception {
        Path log = workDir.resolve("fork.log");
        Process fork = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")), DeployMain.class.getName(), workDir.toString(), stack,
                "v2", String.valueOf(STEP_PAUSE_MILLIS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            ForkKill.whenAnsweredBy("v2", client, fork, log, Duration.ofSeconds(90));
            Map<String, Integer> during = TrafficClient.counts(sample(client, 100));
            System.out.println("after the kill: " + during + "\n" + ForkKill.read(log));
            assertThat(during).as("the kill leaves the 10%% step in place").containsKeys("v1", "v2");
        }
        assertThat(run(canary("v1"), "state", "list").exitCode()).as("state loads after the kill").isZero();
    }

    /** The first apply after the kill took the dead run's lock over by itself and said so in one line. */
    private void assertTookOverTheDeadRunsLock(Run run) {
        assertThat(run.err().lines().filter(line -> line.startsWith("Took over the lock of stack '" + stack + "'")))
                .as(run.err()).singleElement().asString().contains("is no longer running");
    }

    private void assertSettledOn(String endpoint, String version) throws Exception {
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            List<TrafficClient.Result> answers = sample(client, 200);
            System.out.println("settled: " + TrafficClient.counts(answers));
            assertThat(TrafficClient.counts(answers)).containsOnlyKeys(version);
        }
        long containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("converge.stack", stack)).exec().size();
        assertThat(containers).as("the router and one instance, nothing left behind").isEqualTo(2);
    }

}
