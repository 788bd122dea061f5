package dev.converge.providers.k8s;

import static dev.converge.providers.k8s.Fixtures.create;
import static dev.converge.providers.k8s.Fixtures.diff;
import static dev.converge.providers.k8s.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.converge.api.Address;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deployments against a server without controllers: the tests play the Deployment controller, an
 * autoscaler and the API server's defaulting, and race the provider's writes.
 */
class WorkloadTest {

    private static final Address WEB = Address.parse("erlbank/web");

    private MockApiServer api;
    private KubernetesProvider provider;

    @BeforeEach
    void start() {
        api = new MockApiServer();
        provider = api.provider("dev", Map.of());
    }

    @AfterEach
    void stop() {
        provider.close();
        api.close();
    }

    private static Deployment web(String image) {
        return Deployment.of("web").image(image).replicas(2).port(8080).env("LOG_LEVEL", "info");
    }

    private Resource<GenericKubernetesResource> liveWeb() {
        return api.admin().genericKubernetesResources(Kinds.require("k8s:Deployment").kind().context())
                .inNamespace("default").withName("web");
    }

    private CreateResponse createWithController(Deployment deployment) throws Exception {
        try (FakeController controller = new FakeController(api.newClient())) {
            return provider.create(create(WEB, deployment));
        }
    }

    @Test
    void createWaitsUntilTheControllerReportsTheRolloutAvailable() throws Exception {
        CreateResponse created = createWithController(web("erlbank/web:1"));
        assertThat(created.id()).isEqualTo("default/web");
        assertThat(created.outputs().get("status")).isInstanceOfSatisfying(Map.class,
                status -> assertThat(status).containsEntry("availableReplicas", 2L));
    }

    /** The Deployment's own progress deadline passed: waiting out the resource's 5 minutes cannot help. */
    @Test
    void createFailsAtOnceNamingTheConditionWhenTheProgressDeadlinePassed() {
        Thread stuck = new Thread(() -> {
            // A controller that sees the spec but whose pods never become available.
            for (int i = 0; i < 200; i++) {
                GenericKubernetesResource live = liveWeb().get();
                if (live != null) {
                    live.setAdditionalProperty("status", Map.of("observedGeneration", 1, "replicas", 2,
                            "availableReplicas", 0, "conditions", List.of(Map.of("type", "Progressing",
                                    "status", "False", "reason", "ProgressDeadlineExceeded",
                                    "message", "ReplicaSet web-123 has timed out progressing"))));
                    api.admin().resource(live).updateStatus();
                    return;
                }
                sleep(10);
            }
        });
        stuck.start();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> provider.create(
                Fixtures.create("dev", WEB, web("erlbank/web:1"), Duration.ofMinutes(5))))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("k8s:Deployment default/web failed to roll out within its progressDeadlineSeconds")
                .hasMessageContaining("0 of 2 replicas available")
                .hasMessageContaining("Progressing=False (ProgressDeadlineExceeded: ReplicaSet web-123 has timed out"));
    }

    @Test
    void createTimesOutWhenNoControllerEverReportsStatus() {
        assertThatThrownBy(() -> provider.create(Fixtures.create("dev", WEB, web("erlbank/web:1"),
                Duration.ofMillis(300))))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("the controller has not reported status");
    }

    /**
     * What a real API server and other actors add: defaulted fields, an autoscaler owning replicas
     * (recorded in managedFields), another tool's annotation. None is drift, and an update keeps them.
     */
    @Test
    void serverDefaultsAndFieldsOwnedByOthersShowNoDiffAndSurviveAnUpdate() throws Exception {
        CreateResponse created = createWithController(web("erlbank/web:1"));
        liveWeb().edit(live -> {
            Map<String, Object> spec = live.get("spec");
            spec.put("replicas", 5);
            spec.put("revisionHistoryLimit", 10);
            spec.put("strategy", Map.of("type", "RollingUpdate"));
            Map<String, Object> container = live.get("spec", "template", "spec", "containers", 0);
            container.put("imagePullPolicy", "IfNotPresent");
            container.put("terminationMessagePath", "/dev/termination-log");
            live.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "3");
            live.getMetadata().getLabels().put("team", "payments");
            live.getMetadata().setManagedFields(List.of(managedBy("kube-controller-manager",
                    Map.of("f:spec", Map.of("f:replicas", Map.of())))));
            return live;
        });

        ReadResponse read = provider.read(read(WEB, web("erlbank/web:1"), created.id()));
        assertThat(diff(provider, WEB, web("erlbank/web:1"), read).diffs()).isEmpty();

        try (FakeController controller = new FakeController(api.newClient())) {
            provider.update(Fixtures.update(provider, WEB, created.id(), web("erlbank/web:1"), web("erlbank/web:2")));
        }
        GenericKubernetesResource live = liveWeb().get();
        assertThat((Object) live.get("spec", "template", "spec", "containers", 0, "image")).isEqualTo("erlbank/web:2");
        assertThat((Object) live.get("spec", "replicas")).as("the autoscaler's replicas").isEqualTo(5);
        assertThat((Object) live.get("spec", "revisionHistoryLimit")).isEqualTo(10);
        assertThat(live.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(live.getMetadata().getLabels()).containsEntry("team", "payments");
    }

    @Test
    void replicasLeftUnsetAreNeitherDriftNorOverwritten() throws Exception {
        Deployment scaled = Deployment.of("web").image("erlbank/web:1");
        CreateResponse created = createWithController(scaled);
        liveWeb().edit(live -> {
            ((Map<String, Object>) live.get("spec")).put("replicas", 7);
            return live;
        });
        ReadResponse read = provider.read(read(WEB, scaled, created.id()));
        assertThat(diff(provider, WEB, scaled, read).hasChanges()).isFalse();
        try (FakeController controller = new FakeController(api.newClient())) {
            provider.update(Fixtures.update(provider, WEB, created.id(), scaled, scaled.env("A", "b")));
        }
        assertThat((Object) liveWeb().get().get("spec", "replicas")).isEqualTo(7);
    }

    @Test
    void anUpdateThatLosesARaceReReadsAndRetriesKeepingTheOtherWrite() throws Exception {
        CreateResponse created = createWithController(web("erlbank/web:1"));
        AtomicInteger attempts = new AtomicInteger();
        provider.cluster().hook(ref -> {
            if (attempts.incrementAndGet() == 1) {
                // Another client writes between our read and our write: our resourceVersion is stale.
                liveWeb().edit(live -> {
                    live.getMetadata().getAnnotations().put("other.tool/restartedAt", "now");
                    return live;
                });
            }
        });
        try (FakeController controller = new FakeController(api.newClient())) {
            provider.update(Fixtures.update(provider, WEB, created.id(), web("erlbank/web:1"), web("erlbank/web:2")));
        }
        assertThat(attempts).hasValue(2);
        GenericKubernetesResource live = liveWeb().get();
        assertThat((Object) live.get("spec", "template", "spec", "containers", 0, "image")).isEqualTo("erlbank/web:2");
        assertThat(live.getMetadata().getAnnotations()).containsEntry("other.tool/restartedAt", "now");
    }

    @Test
    void anUpdateThatKeepsLosingFailsRetryablyNamingTheObject() throws Exception {
        CreateResponse created = createWithController(web("erlbank/web:1"));
        AtomicInteger counter = new AtomicInteger();
        provider.cluster().hook(ref -> liveWeb().edit(live -> {
            live.getMetadata().getAnnotations().put("fight", Integer.toString(counter.incrementAndGet()));
            return live;
        }));
        assertThatThrownBy(() -> provider.update(Fixtures.update(provider, WEB, created.id(), web("erlbank/web:1"),
                web("erlbank/web:2"))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("Deployment default/web").hasMessageContaining("resourceVersion conflicts");
        assertThat(counter).hasValue(Operations.MAX_CONFLICT_RETRIES);
    }

    private static io.fabric8.kubernetes.api.model.ManagedFieldsEntry managedBy(String manager,
            Map<String, Object> fields) {
        io.fabric8.kubernetes.api.model.FieldsV1 fieldsV1 = new io.fabric8.kubernetes.api.model.FieldsV1();
        fields.forEach(fieldsV1::setAdditionalProperty);
        return new io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder().withManager(manager)
                .withOperation("Update").withApiVersion("apps/v1").withFieldsType("FieldsV1").withFieldsV1(fieldsV1)
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Object> copy(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
