package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.e2e.PlanChanges;
import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import dev.converge.providers.k8s.KubernetesProvider;
import dev.converge.testing.ConvergeTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test kit's contract (issue 8) against the real API server instead of the mock of
 * {@code KitMatchesKubernetesTest}: for the Erlbank-on-Kubernetes example the plan the kit computes in
 * memory equals the plan of the command line against kube-apiserver before the first apply, right after
 * it (both empty, although the server defaulted fields, assigned cluster IPs and the controller-manager
 * wrote status) and after a change. Zero replicas, so it runs without a node.
 */
class KitMatchesKubernetesIT extends ErlbankOnRealCluster {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void destroy() {
        run("destroy", "--auto-approve");
    }

    private Map<String, String> config(String version, String logLevel) {
        return cluster.config(RealCluster.noPods(Map.of("erlbank.version", version, "log.level", logLevel)));
    }

    @Test
    void theKitPlansExactlyWhatTheRealApiServerPlans() throws Exception {
        ConvergeTest kit = ConvergeTest.with(new KubernetesProvider());
        Map<String, String> v1 = config("1.0.0", "info");
        String before = realChanges(v1);
        assertThat(before).contains("\"action\":\"create\"");
        assertThat(PlanChanges.of(kit.config(v1).plan(new ErlbankK8s()))).isEqualTo(before);

        assertThat(kit.config(v1).apply(new ErlbankK8s()).result().succeeded()).isTrue();
        CliRun apply = run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        String after = realChanges(v1);
        assertThat(after.lines()).as("nothing to do right after the apply").hasSize(ErlbankK8sRealIT.OBJECTS)
                .allSatisfy(change -> assertThat(change).contains("\"action\":\"no_op\""));
        assertThat(PlanChanges.of(kit.config(v1).plan(new ErlbankK8s()))).isEqualTo(after);

        Map<String, String> v2 = config("1.1.0", "debug");
        String changed = realChanges(v2);
        assertThat(changed).contains("\"action\":\"update\"").contains("1.1.0").contains("debug");
        assertThat(PlanChanges.of(kit.config(v2).plan(new ErlbankK8s()))).isEqualTo(changed);
    }

    private String realChanges(Map<String, String> config) throws Exception {
        writeConfig(config);
        CliRun run = run("plan", "--json");
        assertThat(run.exitCode()).as(run.all()).isZero();
        return PlanChanges.of(JSON.readTree(run.out()).get("changes"));
    }

    private void writeConfig(Map<String, String> config) {
        cluster.writeStackConfig(dir, config);
    }
}
