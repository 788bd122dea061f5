package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.deploy.TrafficClient;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The readiness wait against a real rollout whose new pods crash-loop: the old pods keep the Deployment at
 * its full available count, so only the updated-replica count shows the failure; the Deployment's own
 * {@code progressDeadlineSeconds} (15 s here) passes and the apply fails at once, well within the resource's
 * timeout, naming {@code ProgressDeadlineExceeded} and the crashing container (its state, such as
 * {@code CrashLoopBackOff}, and its exit code), exit 1, while a client
 * that never retries is answered by the old pods throughout.
 */
class FailedRolloutPodsIT extends PodsItSupport {

    /** A Deployment of two pods and its Service; a {@code crashing} version exits at once. */
    private static Program web(String version, boolean crashing) {
        return stack -> {
            String command = crashing ? "echo 'cannot start: DATABASE_URL is not set' >&2; exit 1"
                    : PodsService.serve("mkdir -p /www && printf '%s' \"$VERSION\" > /www/app", "/www");
            stack.add(Deployment.of("web").image("converge/busybox:1").replicas(2L).port(8080).env("VERSION", version)
                    .specField("Never", PodsService.container("imagePullPolicy"))
                    .specField(List.of("sh", "-c", command), PodsService.container("command"))
                    .specField(Map.of("httpGet", Map.of("path", "/app", "port", 8080L), "periodSeconds", 1L),
                            PodsService.container("readinessProbe"))
                    .specField(10L, "template", "spec", "terminationGracePeriodSeconds")
                    .specField(15L, "progressDeadlineSeconds")
                    .timeout(Duration.ofSeconds(120)));
            var service = stack.add(Service.of("web-service").selector("app", "web").port(80, 8080));
            stack.export("url", service.output(s -> "http://" + s.clusterIP()));
        };
    }

    @Test
    void aRolloutWhosePodsCrashLoopFailsNamingTheReasonAndTheOldPodsKeepServing() throws Exception {
        applied(web("v1", false));
        String url = output(web("v1", false), "url");
        awaitAnswer(url + "/app");
        try (TrafficClient client = new TrafficClient(url, "/app", 2)) {
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v1");
            long start = System.nanoTime();
            Run failed = run(web("v2", true), "apply", "--auto-approve");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            assertThat(failed.err()).contains("k8s:Deployment " + namespace + "/web failed to roll out",
                    "1 of 2 replicas updated", "ProgressDeadlineExceeded", "container web ", "exit code 1");
            assertThat(took).as("the progress deadline ends the wait, not the 120 s timeout")
                    .isLessThan(Duration.ofSeconds(110));
            assertThat(TrafficClient.counts(sample(client, 200))).containsOnlyKeys("v1");
            List<TrafficClient.Result> all = client.results();
            System.out.println("failed rollout on pods (" + took.toSeconds() + " s): " + all.size() + " requests, "
                    + TrafficClient.counts(all));
            assertThat(TrafficClient.failures(all)).as(TrafficClient.counts(all).toString()).isZero();
        }
    }
}
