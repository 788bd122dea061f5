package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.deploy.RouterRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's pure parts: instance labels, settings, counters, Ingress retargeting. */
class KubernetesRouterPureTest {

    private static Map<String, Object> template() {
        return Fixtures.inputs(Deployment.of("accounts").image("erlbank/accounts:1").port(8080).replicas(2L));
    }

    private static RouterRequest request(Map<String, Object> settings, Map<String, Object> template) {
        return new RouterRequest("dev-accounts-router", new Ownership("dev", Address.of("accounts")), template, 0,
                settings, Duration.ofSeconds(1));
    }

    @Test
    void anInstanceIsTheTemplateRenamedWithItsPodsLabelledByInstanceSlotAndFamily() {
        KubernetesRouter router = new KubernetesRouter(null, null, "default");
        Map<String, Object> inputs = router.instanceInputs(template(), "dev-accounts-green");
        assertThat(inputs).containsEntry("name", "dev-accounts-green");
        assertThat(Trees.get(inputs, List.of("spec", "selector", "matchLabels"))).isEqualTo(Map.of("app", "accounts",
                KubernetesRouter.INSTANCE_LABEL, "dev-accounts-green"));
        assertThat(Trees.get(inputs, List.of("spec", "template", "metadata", "labels"))).isEqualTo(Map.of("app",
                "accounts", KubernetesRouter.INSTANCE_LABEL, "dev-accounts-green", KubernetesRouter.SLOT_LABEL, "green",
                ReplicaSplit.FAMILY_LABEL, "dev-accounts"));
        assertThat(Trees.get(inputs, List.of("spec", "replicas"))).isEqualTo(2L);
        assertThat(template()).doesNotContainEntry("name", "dev-accounts-green");
        assertThat(router.backendAddress(Map.of("name", "dev-accounts-green", "namespace", "shop"), template(), 8080))
                .isEqualTo("shop/dev-accounts-green:8080");
    }

    @Test
    void settingsDefaultFromTheHostAndNameWhatIsMissing() {
        RouterSettings s = RouterSettings.from(request(Map.of("host", "accounts.example.com"), template()), "default");
        assertThat(s.service()).isEqualTo("accounts");
        assertThat(s.endpoint()).isEqualTo("http://accounts.example.com");
        assertThat(s.previewHost()).isEqualTo("preview.accounts.example.com");
        assertThat(s.previewEndpoint()).isEqualTo("http://preview.accounts.example.com");
        assertThat(s.mirrorMetricsUrl()).isEqualTo("http://preview.accounts.example.com/metrics");
        assertThat(s.ingressClass()).isEqualTo("nginx");
        assertThat(s.canaryBy()).isEqualTo("ingress");
        assertThatThrownBy(() -> RouterSettings.from(request(Map.of("host", "a.b", "canaryBy", "pods"), template()),
                "default")).hasMessageContaining("canaryBy is \"pods\"").hasMessageContaining("\"replicas\"");
        RouterSettings noHost = RouterSettings.from(request(Map.of(), template()), "default");
        assertThat(noHost.endpoint()).as("known once the Services exist").isNull();
        RouterSettings byClusterIP = noHost.withClusterIPs("accounts-router", "10.96.0.20", "10.96.0.21");
        assertThat(byClusterIP.endpoint()).isEqualTo("http://10.96.0.20");
        assertThat(byClusterIP.previewEndpoint()).isEqualTo("http://10.96.0.21");
        assertThat(byClusterIP.mirrorMetricsUrl()).isEqualTo("http://10.96.0.21/metrics");
        assertThat(RouterSettings.from(request(Map.of("servicePort", 8080, "path", "/api/"), template()), "default")
                .withClusterIPs("r", "10.96.0.20", "10.96.0.21").endpoint()).isEqualTo("http://10.96.0.20:8080/api");
        assertThat(s.withClusterIPs("r", "10.96.0.20", "10.96.0.21").endpoint()).as("a host wins")
                .isEqualTo("http://accounts.example.com");
        assertThatThrownBy(() -> noHost.withClusterIPs("accounts-router", null, null))
                .isInstanceOf(ProviderException.class).hasMessageContaining("routerSetting(\"host\"");
        Map<String, Object> elsewhere = new java.util.LinkedHashMap<>(template());
        elsewhere.put("namespace", "shop");
        assertThatThrownBy(() -> RouterSettings.from(request(Map.of("host", "a.b"), elsewhere), "default"))
                .hasMessageContaining("set k8s.namespace=shop");
    }

    @Test
    void aReplicaSplitGivesTheCanaryItsShareOfThePodsAndTheStableVersionAtLeastOne() {
        assertThat(ReplicaSplit.pods(10, 10)).isEqualTo(new ReplicaSplit.Pods(9, 1));
        assertThat(ReplicaSplit.pods(10, 50)).isEqualTo(new ReplicaSplit.Pods(5, 5));
        assertThat(ReplicaSplit.pods(20, 25)).isEqualTo(new ReplicaSplit.Pods(15, 5));
        assertThat(ReplicaSplit.pods(4, 10)).as("never no canary pod").isEqualTo(new ReplicaSplit.Pods(3, 1));
        assertThat(ReplicaSplit.pods(10, 49)).isEqualTo(new ReplicaSplit.Pods(5, 5));
        assertThat(ReplicaSplit.pods(1, 10)).as("one replica: one pod each").isEqualTo(new ReplicaSplit.Pods(1, 1));
        assertThat(ReplicaSplit.family("dev-accounts-green")).isEqualTo("dev-accounts");
        assertThat(ReplicaSplit.familySelector("dev-accounts-blue")).isEqualTo(Map.of(ReplicaSplit.FAMILY_LABEL,
                "dev-accounts"));
    }

    @Test
    void countersAreSummedOverSeriesWithFailuresByStatus() {
        String text = """
                # HELP http_requests_total requests
                # TYPE http_requests_total counter
                http_requests_total{code="200",path="/"} 90
                http_requests_total{path="/x",code="503"} 7
                http_requests_total{status="404"} 3
                http_requests_total_created 1.7e9
                http_request_duration_seconds_bucket{le="1"} 100
                """;
        MirrorMetrics.Counts counts = MirrorMetrics.parse(text, "http_requests_total");
        assertThat(counts).isEqualTo(new MirrorMetrics.Counts(100, 7));
        assertThat(counts.minus(new MirrorMetrics.Counts(40, 2))).isEqualTo(new MirrorMetrics.Counts(60, 5));
        assertThat(counts.minus(new MirrorMetrics.Counts(400, 2))).as("a restarted pod").isEqualTo(counts);
        assertThat(MirrorMetrics.Counts.decode(counts.encode())).isEqualTo(counts);
    }

    @Test
    void theCanaryIngressHasTheMainRulesLeadingToTheCanaryService() {
        Map<String, Object> spec = Map.of("ingressClassName", "nginx", "rules", List.of(Map.of("host", "a.example",
                "http", Map.of("paths", List.of(Map.of("path", "/", "backend", Map.of("service", Map.of("name",
                        "accounts", "port", Map.of("number", 80L)))))))));
        Map<String, Object> canary = KubernetesRouter.retarget(spec, "accounts-canary");
        assertThat(backend(canary)).containsEntry("name", "accounts-canary").containsEntry("port", Map.of("number", 80L));
        assertThat(canary.toString()).contains("host=a.example");
        assertThat(backend(spec)).as("the main Ingress is not changed").containsEntry("name", "accounts");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> backend(Map<String, Object> spec) {
        Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("rules")).get(0);
        Map<String, Object> path = ((List<Map<String, Object>>) ((Map<String, Object>) rule.get("http")).get("paths")).get(0);
        return (Map<String, Object>) ((Map<String, Object>) path.get("backend")).get("service");
    }
}
