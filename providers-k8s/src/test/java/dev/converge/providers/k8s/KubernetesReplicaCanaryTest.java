package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.engine.Converge;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.deploy.Backend;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.TrafficRouter;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
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
 * The canary by replica ratio ({@code canaryBy=replicas}) run by the real engine against the mock API
 * server: after every routing call the test records which Deployments the client Service selects and how
 * many replicas each runs ({@code client=blue:9+green:1}); {@link FakeController} plays the Deployment
 * controller (pods become available as asked) and {@link FakeIngress} the pods behind the Services.
 */
class KubernetesReplicaCanaryTest {

    static final String RESTORED = "client=blue canary=- preview=none mirror=-";

    /** Erlbank's accounts service with ten replicas, released as a canary by its share of the pods. */
    record Release(String image, String ingress) implements Program {

        @Override
        public void define(Stack stack) {
            var template = Deployment.of("accounts").image(image).replicas(10L).port(8080);
            stack.add(Canary.of("accounts").service(template).port(8080)
                    .verify(HttpProbe.get("/health").requests(5).within(Duration.ofSeconds(30)))
                    .steps(10, 50, 100).stepPause(Duration.ZERO)
                    .routerSetting("canaryBy", "replicas")
                    .routerSetting("host", "accounts.erlbank.test")
                    .routerSetting("endpoint", ingress + "/client")
                    .routerSetting("previewEndpoint", ingress + "/preview")
                    .routerSetting("settleMillis", 0L));
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

    private int apply(String image) {
        provider.steps().clear();
        err.reset();
        int code = Converge.builder(new Release(image, ingress.url())).provider(provider).workDir(dir)
                .output(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run("apply", "--auto-approve", "--stack", "dev");
        System.out.println("apply " + image + ": exit " + code + "\n" + err.toString(StandardCharsets.UTF_8));
        return code;
    }

    private io.fabric8.kubernetes.api.model.apps.Deployment deployment(String slot) {
        return api.admin().apps().deployments().inNamespace("default").withName("dev-accounts-" + slot).get();
    }

    private List<String> deployments() {
        return api.admin().apps().deployments().inNamespace("default").list().getItems().stream()
                .map(d -> d.getMetadata().getName()).sorted().toList();
    }

    private List<String> ingresses() {
        return api.admin().network().v1().ingresses().inNamespace("default").list().getItems().stream()
                .map(i -> i.getMetadata().getName()).sorted().toList();
    }

    @Test
    void aCanaryRunsOneOfTenPodsThenHalfThenAllWithoutACanaryIngress() {
        assertThat(apply("erlbank/accounts:1")).isZero();
        assertThat(apply("erlbank/accounts:2")).isZero();
        assertThat(provider.steps()).containsExactly(RESTORED,
                "client=blue canary=- preview=green mirror=-",
                "client=blue:9+green:1 canary=- preview=green mirror=-",
                "client=blue:5+green:5 canary=- preview=green mirror=-",
                "client=green canary=- preview=green mirror=-",
                "client=green canary=- preview=none mirror=-");
        assertThat(deployments()).containsExactly("dev-accounts-green");
        var green = deployment("green");
        assertThat(green.getSpec().getReplicas()).as("all its own pods back").isEqualTo(10);
        assertThat(green.getMetadata().getAnnotations()).doesNotContainKey(ReplicaSplit.FULL_REPLICAS);
        assertThat(ingresses()).containsExactly("accounts", "accounts-preview");
    }

    @Test
    void aCanaryThatBreaksAtTenPercentGivesTheStableVersionItsPodsBackAndIsDeleted() {
        assertThat(apply("erlbank/accounts:1")).isZero();
        // Answers its first five requests (the preview verification), then fails at the 10% step.
        assertThat(apply("erlbank/accounts:2-breaks")).isEqualTo(1);
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-",
                "client=blue:9+green:1 canary=- preview=green mirror=-", RESTORED);
        assertThat(deployments()).containsExactly("dev-accounts-blue");
        assertThat(deployment("blue").getSpec().getReplicas()).isEqualTo(10);
        assertThat(deployment("blue").getMetadata().getAnnotations()).doesNotContainKey(ReplicaSplit.FULL_REPLICAS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at 10%");
    }

    @Test
    void anInterruptedSplitIsRestoredToTheRecordedReleaseFirstThenCarriedOut() {
        assertThat(apply("erlbank/accounts:1")).isZero();
        leaveAKilledCanaryRunAt10Percent();
        assertThat(new ObservedProvider(api.admin(), "accounts").observe())
                .isEqualTo("client=blue:9+green:1 canary=- preview=green mirror=-");

        assertThat(apply("erlbank/accounts:2")).isZero();
        assertThat(provider.steps().get(0)).as("the recorded routing is restored first").isEqualTo(RESTORED);
        assertThat(provider.steps()).contains("client=blue:9+green:1 canary=- preview=green mirror=-")
                .endsWith("client=green canary=- preview=none mirror=-");
        assertThat(deployments()).containsExactly("dev-accounts-green");
        assertThat(deployment("green").getSpec().getReplicas()).isEqualTo(10);
        assertThat(deployment("green").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("erlbank/accounts:2");
    }

    @Test
    void aStableVersionWhosePodsLackTheFamilyLabelIsNeverSplitAndKeepsAllTraffic() {
        assertThat(apply("erlbank/accounts:1")).isZero();
        // As a release made before replica-ratio canaries left it.
        api.admin().apps().deployments().inNamespace("default").withName("dev-accounts-blue").edit(d ->
                new DeploymentBuilder(d).editSpec().editTemplate().editMetadata()
                        .removeFromLabels(ReplicaSplit.FAMILY_LABEL).endMetadata().endTemplate().endSpec().build());

        assertThat(apply("erlbank/accounts:2")).isEqualTo(1);
        // The refused split changed nothing (its step reads as the one before); then everything is backed out.
        assertThat(provider.steps()).containsExactly(RESTORED, "client=blue canary=- preview=green mirror=-",
                "client=blue canary=- preview=green mirror=-", RESTORED);
        assertThat(deployments()).containsExactly("dev-accounts-blue");
        assertThat(deployment("blue").getSpec().getReplicas()).isEqualTo(10);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("step 10 of the deployment failed",
                "lack the label " + ReplicaSplit.FAMILY_LABEL, "canaryBy=ingress",
                "all traffic is back on the stable version (blue, erlbank/accounts:1)");
    }

    /** What a run killed at the canary's 10% step leaves: the new version's Deployment (labels copied from blue's) and the split. */
    private void leaveAKilledCanaryRunAt10Percent() {
        KubernetesProvider other = new KubernetesProvider(api.admin());
        other.configure(new ConfigureRequest("dev", Map.of("k8s.pollMillis", "20"), dir));
        TrafficRouter router = other.extension(TrafficRouter.class).orElseThrow();
        var green = new DeploymentBuilder(deployment("blue")).editMetadata().withName("dev-accounts-green")
                .withResourceVersion(null).withUid(null).endMetadata().editSpec().editSelector()
                .addToMatchLabels(KubernetesRouter.INSTANCE_LABEL, "dev-accounts-green").endSelector().editTemplate()
                .editMetadata().addToLabels(KubernetesRouter.INSTANCE_LABEL, "dev-accounts-green")
                .addToLabels(KubernetesRouter.SLOT_LABEL, "green").endMetadata().editSpec().editFirstContainer()
                .withImage("erlbank/accounts:2").endContainer().endSpec().endTemplate().endSpec().withStatus(null)
                .build();
        api.admin().apps().deployments().inNamespace("default").resource(green).create();
        Backend canary = new Backend("green", "default/dev-accounts-green:8080", 10);
        router.route(new RouteRequest("default/accounts", List.of(new Backend("blue", "default/dev-accounts-blue:8080",
                90), canary), Optional.of(canary), Optional.empty(), Duration.ofSeconds(10)));
    }
}
