package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.deploy.Canary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Canary on Docker: the share at the 10% step, and the rollback of a canary that breaks. */
class CanaryIT extends DeployItSupport {

    @Test
    void tenPercentOfRequestsReachTheCanaryAtTheFirstStep() throws Exception {
        UnaryOperator<Canary> steps = c -> c.steps(10, 100).stepPause(Duration.ofSeconds(30));
        String endpoint = released(DeployProgram.of("canary", "v1").canary(steps));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 4)) {
            CompletableFuture<Run> deploy = CompletableFuture.supplyAsync(
                    () -> apply(DeployProgram.of("canary", "v2").canary(steps)));
            int first = firstAnswer(client, "v2", Duration.ofSeconds(60));
            List<TrafficClient.Result> step = client.next(first, 2000);
            long canary = step.stream().filter(r -> r.answer().equals("v2")).count();
            System.out.println("canary at 10%: " + TrafficClient.counts(step));
            assertThat(step).hasSize(2000);
            assertThat(canary).as(TrafficClient.counts(step).toString()).isBetween(140L, 260L);
            Run run = deploy.get();
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(TrafficClient.counts(sample(client, 100))).containsOnlyKeys("v2");
            List<TrafficClient.Result> all = client.results();
            System.out.println("canary release: " + all.size() + " requests, " + TrafficClient.counts(all));
            assertThat(TrafficClient.failures(all)).isZero();
        }
    }

    @Test
    void aCanaryThatBreaksIsRolledBackWithinItsShare() throws Exception {
        UnaryOperator<Canary> steps = c -> c.steps(10, 100).stepPause(Duration.ofSeconds(8));
        String endpoint = released(DeployProgram.of("canary", "v1").canary(steps));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            sample(client, 20);
            int before = client.results().size();
            Run run = apply(DeployProgram.of("canary", "v2").brokenAfter(5).canary(steps));
            assertThat(run.exitCode()).as(run.all()).isNotZero();
            assertThat(run.err()).contains("failed verification", "at 10%");
            List<TrafficClient.Result> during = client.resultsFrom(before);
            List<TrafficClient.Result> after = sample(client, 200);
            System.out.println("canary rollback: during " + TrafficClient.counts(during) + ", after "
                    + TrafficClient.counts(after));
            assertThat(TrafficClient.counts(after)).containsOnlyKeys("v1");
            List<TrafficClient.Result> touched = during.stream()
                    .dropWhile(r -> !r.answer().equals("v2") && !r.failed()).toList();
            assertThat(TrafficClient.failures(touched)).isPositive()
                    .isLessThanOrEqualTo((long) Math.ceil(touched.size() * 0.13));
            List<TrafficClient.Result> failures = touched.stream().filter(TrafficClient.Result::failed).toList();
            long spread = failures.get(failures.size() - 1).nanos() - failures.get(0).nanos();
            assertThat(Duration.ofNanos(spread)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static int firstAnswer(TrafficClient client, String answer, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<TrafficClient.Result> results = client.results();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).answer().equals(answer)) {
                    return i;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no request was answered by " + answer + " within " + within);
    }
}
