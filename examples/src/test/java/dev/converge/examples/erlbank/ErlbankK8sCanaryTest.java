package dev.converge.examples.erlbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.Converge;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ErlbankK8sCanary} applied by the engine against the mock API server: the first release, then a
 * new version carried out by the canary's steps, read from the writes the API server received (the
 * client Service's selector and the canary Ingress's weight, in order); and a version that fails its
 * probe, after which all traffic stays on the stable version.
 */
class ErlbankK8sCanaryTest {

    @TempDir
    Path dir;
    private ErlbankK8sCanaryCluster cluster;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        cluster = new ErlbankK8sCanaryCluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private int apply(String version) throws java.io.IOException {
        Files.writeString(dir.resolve("converge.dev.properties"), String.join("\n",
                "k8s.masterUrl=" + cluster.apiUrl(), "k8s.namespace=default", "k8s.pollMillis=20",
                "accounts.version=" + version, "accounts.stepPause=0",
                "accounts.router.endpoint=" + cluster.ingressUrl() + "/client",
                "accounts.router.previewEndpoint=" + cluster.ingressUrl() + "/preview",
                "accounts.router.settleMillis=0", ""));
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Converge.builder(new ErlbankK8sCanary()).workDir(dir).output(print, print).build()
                .run("apply", "--auto-approve", "--stack", "dev");
        System.out.println(out.toString(StandardCharsets.UTF_8));
        return code;
    }

    /** The routing changes among {@code writes}: which version the client Service selects, the canary's weight. */
    private List<String> steps(List<ErlbankK8sCanaryCluster.Write> writes) {
        List<String> steps = new ArrayList<>();
        String client = null;
        boolean canary = false;
        for (ErlbankK8sCanaryCluster.Write write : writes) {
            String path = write.path();
            if (write.method().equals("DELETE") && path.endsWith("/ingresses/accounts-canary") && canary) {
                steps.add("canary deleted");
                canary = false;
            } else if (!write.method().equals("DELETE") && path.contains("/ingresses")) {
                Map<String, Object> body = cluster.body(write);
                Map<?, ?> metadata = (Map<?, ?>) body.get("metadata");
                Map<?, ?> annotations = (Map<?, ?>) metadata.get("annotations");
                if ("accounts-canary".equals(metadata.get("name"))) {
                    steps.add("canary=" + annotations.get("nginx.ingress.kubernetes.io/canary-weight"));
                    canary = true;
                }
            } else if (!write.method().equals("DELETE") && path.contains("/services")) {
                Map<String, Object> body = cluster.body(write);
                if ("accounts".equals(((Map<?, ?>) body.get("metadata")).get("name"))) {
                    Object selected = ((Map<?, ?>) ((Map<?, ?>) body.get("spec")).get("selector"))
                            .get("converge.dev/instance");
                    if (!selected.equals(client)) {
                        steps.add("client=" + selected);
                        client = selected.toString();
                    }
                }
            }
        }
        return steps;
    }

    private List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(item -> item.getMetadata().getName()).sorted().toList();
    }

    @Test
    void aNewVersionOfAccountsGoesOutAtTenThenFiftyPercentThenAll() throws Exception {
        assertThat(apply("1.0.0")).isZero();
        assertThat(steps(cluster.writes())).containsExactly("client=no-version", "client=dev-accounts-release-blue");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("accountsLive = \"blue\"");

        assertThat(apply("1.1.0")).isZero();
        assertThat(steps(cluster.writes())).containsExactly("client=dev-accounts-release-blue", "canary=10",
                "canary=50", "client=dev-accounts-release-green", "canary deleted");
        var client = cluster.client();
        assertThat(names(client.apps().deployments().inNamespace("default").list().getItems()))
                .containsExactly("dev-accounts-release-green");
        assertThat(client.apps().deployments().inNamespace("default").withName("dev-accounts-release-green").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("erlbank/accounts:1.1.0");
        assertThat(names(client.network().v1().ingresses().inNamespace("default").list().getItems()))
                .containsExactly("accounts", "accounts-preview");
        assertThat(client.network().v1().ingresses().inNamespace("default").withName("accounts").get().getSpec()
                .getRules().get(0).getHost()).isEqualTo("accounts.erlbank.local");
    }

    @Test
    void aVersionFailingItsProbeNeverGetsAShareAndIsDeleted() throws Exception {
        assertThat(apply("1.0.0")).isZero();
        cluster.writes();
        assertThat(apply("1.1.0-bad")).isEqualTo(1);
        assertThat(steps(cluster.writes())).containsExactly("client=dev-accounts-release-blue");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("failed verification",
                "all traffic stays on the stable version (blue, erlbank/accounts:1.0.0)");
        assertThat(names(cluster.client().apps().deployments().inNamespace("default").list().getItems()))
                .containsExactly("dev-accounts-release-blue");
    }
}
