package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.deploy.Shadow;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Shadow on Docker: mirrored requests reach the new version, whose answers nobody sees. */
class ShadowIT extends DeployItSupport {

    private static final UnaryOperator<Shadow> OBSERVE = s -> s.observe(Duration.ofSeconds(8));

    @Test
    void everyRequestIsMirroredAndAnsweredByStableUntilPromotion() throws Exception {
        String endpoint = released(DeployProgram.of("shadow", "v1").shadow(OBSERVE));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            sample(client, 20);
            int before = client.results().size();
            Run run = apply(DeployProgram.of("shadow", "v2").shadow(OBSERVE));
            assertThat(run.exitCode()).as(run.all()).isZero();
            List<TrafficClient.Result> during = client.resultsFrom(before);
            // Until the promotion every answer came from stable; the reload that promotes the new version
            // lets the old nginx worker finish, so answers of both versions mix for a moment only.
            long firstNew = during.stream().filter(r -> r.answer().equals("v2")).mapToLong(TrafficClient.Result::nanos)
                    .min().orElseThrow();
            long lastOld = during.stream().filter(r -> r.answer().equals("v1")).mapToLong(TrafficClient.Result::nanos)
                    .max().orElseThrow();
            assertThat(Duration.ofNanos(lastOld - firstNew)).isLessThan(Duration.ofSeconds(2));
            long stableAnswers = during.stream().filter(r -> r.answer().equals("v1")).count();
            assertThat(TrafficClient.counts(sample(client, 50))).containsOnlyKeys("v2");
            JsonNode verification = new ObjectMapper().readTree(
                    run(DeployProgram.of("shadow", "v2").shadow(OBSERVE), "output", "verification", "--json").out());
            long requests = verification.get("requests").asLong();
            long mirrored = verification.get("mirrored").asLong();
            System.out.println("shadow: client saw " + TrafficClient.counts(during) + "; router: " + verification);
            assertThat(requests).isPositive().isLessThanOrEqualTo(stableAnswers);
            assertThat((double) mirrored / requests).isGreaterThanOrEqualTo(0.95);
            assertThat(verification.get("failed").asLong()).isZero();
            assertThat(TrafficClient.failures(client.results())).isZero();
        }
    }

    @Test
    void aShadowFailingOneRequestInFiveIsNotPromoted() throws Exception {
        String endpoint = released(DeployProgram.of("shadow", "v1").shadow(OBSERVE));
        try (TrafficClient client = new TrafficClient(endpoint, DeployProgram.APP, 2)) {
            sample(client, 20);
            Run run = apply(DeployProgram.of("shadow", "v2").failing(20).shadow(OBSERVE));
            assertThat(run.exitCode()).as(run.all()).isNotZero();
            assertThat(run.err()).contains("mirrored requests failed", "stays on the stable version");
            assertThat(TrafficClient.counts(sample(client, 100))).containsOnlyKeys("v1");
            List<TrafficClient.Result> all = client.results();
            System.out.println("failing shadow: " + all.size() + " requests, " + TrafficClient.counts(all));
            assertThat(TrafficClient.counts(all)).containsOnlyKeys("v1");
        }
        assertThat(run(DeployProgram.of("shadow", "v1").shadow(OBSERVE), "output", "live").out().strip())
                .isEqualTo("blue");
    }
}
