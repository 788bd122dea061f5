package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Deployment;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.Shadow;
import dev.converge.engine.Converge;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.deploy.Backend;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.TrafficRouter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each deployment strategy on Kubernetes, run by the real engine ({@code apply}) against the mock API
 * server: a first release, then a changed image. After every routing call the test records which version
 * each of the router's Services selects, the canary Ingress's weight and the mirror annotation
 * ({@link ObservedProvider}); a local HTTP server plays ingress-nginx and the pods ({@link FakeIngress}),
 * so the engine's probes and the shadow's counters see the routing the cluster holds.
 */
class KubernetesRouterTest {

    static final String RESTORED = "client=blue canary=- preview=none mirror=-";

    /** Erlbank's accounts service released by {@code strategy} with {@code image}. */
    record Release(String strategy, String image, String ingress) implements Program {

        @Override
        public void define(Stack stack) {
            var template = dev.converge.providers.k8s.Deployment.of("accounts").image(image).replicas(2L).port(8080);
            HttpProbe probe = HttpProbe.get("/health").requests(5).within(Duration.ofSeconds(30));
            var release = switch (strategy) {
                case "bluegreen" -> stack.add(settings(BlueGreen.of("accounts")).service(template).port(8080)
                        .verify(probe));
                case "canary" -> stack.add(settings(Canary.of("accounts")).service(template).port(8080).verify(probe)
                        .steps(10, 50, 100).stepPause(Duration.ZERO));
                case "shadow" -> stack.add(settings(Shadow.of("accounts")).service(template).port(8080).verify(probe)
                        .observe(Duration.ofSeconds(3)).minMirrored(10).maxFailureRatio(0.05));
                default -> throw new IllegalArgumentException(strategy);
            };
            stack.export("live", release.output(Deployment.Outputs::live));
        }

        private <S extends Deployment<S>> S settings(S strategy) {
            return strategy.routerSetting("host", "accounts.erlbank.test")
                    .routerSetting("endpoint", ingress + "/client")
                    .routerSetting("previewEndpoint", ingress + "/preview")
                    .routerSetting("settleMillis", 0L);
        }
    }

    @TempDir
    Path dir;
    private RouterCluster cluster;
    private MockApiServer api;
    private FakeIngress ingress;
    private ObservedProvider provider;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        cluster = new RouterCluster(dir, "accounts");
        api = cluster.api;
        ingress = cluster.ingress;
        provider = cluster.provider;
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private int apply(String strategy, String image) {
        provider.steps().clear();
        err.reset();
        int code = Converge.builder(new Release(strategy, image, ingress.url())).provider(provider).workDir(dir)
                .output(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run("apply", "--auto-approve", "--stack", "dev");
        // In the test report: why an apply failed, expected or not.
        System.out.println("apply " + strategy + " " + image + ": exit " + code + "\n" + err.toString(StandardCharsets.UTF_8));
        return code;
    }

    private List<String> deployments() {
        return names(api.admin().apps().deployments().inNamespace("default").list().getItems());
    }

    private List<String> services() {
        return names(api.admin().services().inNamespace("default").list().getItems());
    }

    private List<String> ingresses() {
        return names(api.admin().network().v1().ingresses().inNamespace("default").list().getItems());
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(item -> item.getMetadata().getName()).sorted().toList();
    }

    @Test
    void blueGreenVerifiesThroughThePreviewServiceThenSwitchesTheClientSelector() {
        assertThat(apply("bluegreen", "erlbank/accounts:1")).isZero();
        assertThat(provider.steps()).containsExactly("client=none canary=- preview=blue mirror=-", RESTORED);
        var blue = api.admin().apps().deployments().inNamespace("default").withName("dev-accounts-blue").get();
        assertThat(blue.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "accounts")
                .containsEntry(KubernetesRouter.SLOT_LABEL, "blue")
                .containsEntry(KubernetesRouter.INSTANCE_LABEL, "dev-accounts-blue");
        assertThat(blue.getSpec().getSelector().getMatchLabels()).containsEntry(KubernetesRouter.INSTANCE_LABEL,
                "dev-accounts-blue");
        var main = api.admin().network().v1().ingresses().inNamespace("default").withName("accounts").get();
        assertThat(main.getSpec().getRules().get(0).getHost()).isEqualTo("accounts.erlbank.test");
        assertThat(main.getSpec().getIngressClassName()).isEqualTo("nginx");

        assertThat(apply("bluegreen", "erlbank/accounts:2")).isZero();
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-",
                "client=green canary=- preview=blue mirror=-");
        // The old colour stays for an instant switch-back.
        assertThat(deployments()).containsExactly("dev-accounts-blue", "dev-accounts-green");
        assertThat(services()).containsExactly("accounts", "accounts-preview");
    }

    @Test
    void aBlueGreenVersionFailingItsProbeNeverGetsTheClientSelector() {
        assertThat(apply("bluegreen", "erlbank/accounts:1")).isZero();
        assertThat(apply("bluegreen", "erlbank/accounts:2-broken")).isEqualTo(1);
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-", RESTORED);
        assertThat(deployments()).containsExactly("dev-accounts-blue");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed verification", "probe GET /health",
                "all traffic stays on the stable version (blue");
    }

    @Test
    void aCanaryGetsTenThenFiftyPercentThroughTheCanaryIngressThenAllTraffic() {
        assertThat(apply("canary", "erlbank/accounts:1")).isZero();
        assertThat(apply("canary", "erlbank/accounts:2")).isZero();
        assertThat(provider.steps()).containsExactly(RESTORED,
                "client=blue canary=- preview=green mirror=-",
                "client=blue canary=green@10 preview=green mirror=-",
                "client=blue canary=green@50 preview=green mirror=-",
                "client=green canary=- preview=green mirror=-",
                "client=green canary=- preview=none mirror=-");
        assertThat(deployments()).containsExactly("dev-accounts-green");
        assertThat(services()).containsExactly("accounts", "accounts-preview");
        assertThat(ingresses()).containsExactly("accounts", "accounts-preview");
    }

    @Test
    void aCanaryThatBreaksUnderTrafficLosesItsShareAtOnceAndIsDeleted() {
        assertThat(apply("canary", "erlbank/accounts:1")).isZero();
        // Answers its first five requests (the preview verification), then fails at the 10% step.
        assertThat(apply("canary", "erlbank/accounts:2-breaks")).isEqualTo(1);
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-",
                "client=blue canary=green@10 preview=green mirror=-", RESTORED);
        assertThat(deployments()).containsExactly("dev-accounts-blue");
        assertThat(ingresses()).containsExactly("accounts", "accounts-preview");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at 10%");
    }

    @Test
    void aShadowIsMirroredThroughTheIngressAnnotationThenPromoted() {
        assertThat(apply("shadow", "erlbank/accounts:1")).isZero();
        ingress.startTraffic();
        assertThat(apply("shadow", "erlbank/accounts:2")).isZero();
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-",
                "client=blue canary=- preview=green mirror=green", "client=green canary=- preview=none mirror=-");
        assertThat(deployments()).containsExactly("dev-accounts-green");
        assertThat(services()).containsExactly("accounts", "accounts-preview");
        var main = api.admin().network().v1().ingresses().inNamespace("default").withName("accounts").get();
        assertThat(main.getMetadata().getAnnotations()).doesNotContainKeys(KubernetesRouter.MIRROR_TARGET,
                KubernetesRouter.MIRROR_BASELINE);
    }

    @Test
    void aShadowFailingOneMirroredRequestInFiveIsNotPromoted() {
        assertThat(apply("shadow", "erlbank/accounts:1")).isZero();
        ingress.startTraffic();
        assertThat(apply("shadow", "erlbank/accounts:2-flaky")).isEqualTo(1);
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-",
                "client=blue canary=- preview=green mirror=green", RESTORED);
        assertThat(deployments()).containsExactly("dev-accounts-blue");
        assertThat(services()).containsExactly("accounts", "accounts-preview");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mirrored requests failed");
    }

    @Test
    void theMirrorTargetNamesTheShadowsServiceInTheCluster() {
        assertThat(apply("shadow", "erlbank/accounts:1")).isZero();
        ingress.startTraffic();
        List<String> targets = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                var main = api.admin().network().v1().ingresses().inNamespace("default").withName("accounts").get();
                String target = main.getMetadata().getAnnotations().get(KubernetesRouter.MIRROR_TARGET);
                if (target != null && !targets.contains(target)) {
                    targets.add(target);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            assertThat(apply("shadow", "erlbank/accounts:2")).isZero();
        } finally {
            watcher.interrupt();
        }
        assertThat(targets).containsExactly("http://accounts-mirror.default.svc.cluster.local:80$request_uri");
    }

    @Test
    void anInterruptedCanaryIsRolledBackToTheRecordedReleaseFirstThenCarriedOut() {
        assertThat(apply("canary", "erlbank/accounts:1")).isZero();
        leaveAKilledCanaryRunAt10Percent();
        assertThat(new ObservedProvider(api.admin(), "accounts").observe())
                .isEqualTo("client=blue canary=green@10 preview=green mirror=-");

        assertThat(apply("canary", "erlbank/accounts:2")).isZero();
        assertThat(provider.steps().get(0)).as("the recorded routing is restored first").isEqualTo(RESTORED);
        assertThat(provider.steps()).endsWith("client=green canary=- preview=none mirror=-");
        assertThat(deployments()).containsExactly("dev-accounts-green");
        assertThat(services()).containsExactly("accounts", "accounts-preview");
        assertThat(ingresses()).containsExactly("accounts", "accounts-preview");
        assertThat(api.admin().apps().deployments().inNamespace("default").withName("dev-accounts-green").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("erlbank/accounts:2");
    }

    @Test
    void destroyRemovesEveryVersionAndTheRouter() {
        assertThat(apply("bluegreen", "erlbank/accounts:1")).isZero();
        assertThat(apply("bluegreen", "erlbank/accounts:2")).isZero();
        int code = Converge.builder(new Release("bluegreen", "erlbank/accounts:2", ingress.url())).provider(provider)
                .workDir(dir).build().run("destroy", "--auto-approve", "--stack", "dev");
        assertThat(code).isZero();
        assertThat(deployments()).isEmpty();
        assertThat(services()).isEmpty();
        assertThat(ingresses()).isEmpty();
    }

    /** What a run killed at the canary's 10% step leaves: its Deployment, Service and weighted Ingress. */
    private void leaveAKilledCanaryRunAt10Percent() {
        KubernetesProvider other = new KubernetesProvider(api.admin());
        other.configure(new ConfigureRequest("dev", Map.of(), dir));
        TrafficRouter router = other.extension(TrafficRouter.class).orElseThrow();
        var client = api.admin();
        var blue = client.apps().deployments().inNamespace("default").withName("dev-accounts-blue").get();
        var green = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(blue).editMetadata()
                .withName("dev-accounts-green").withResourceVersion(null).withUid(null).endMetadata().editSpec()
                .editSelector().addToMatchLabels(KubernetesRouter.INSTANCE_LABEL, "dev-accounts-green").endSelector()
                .editTemplate().editMetadata().addToLabels(KubernetesRouter.INSTANCE_LABEL, "dev-accounts-green")
                .addToLabels(KubernetesRouter.SLOT_LABEL, "green").endMetadata().editSpec().editFirstContainer()
                .withImage("erlbank/accounts:2").endContainer().endSpec().endTemplate().endSpec().withStatus(null)
                .build();
        client.apps().deployments().inNamespace("default").resource(green).create();
        Backend canary = new Backend("green", "default/dev-accounts-green:8080", 10);
        router.route(new RouteRequest("default/accounts", List.of(new Backend("blue", "default/dev-accounts-blue:8080",
                90), canary), Optional.of(canary), Optional.empty(), Duration.ofSeconds(5)));
    }
}
