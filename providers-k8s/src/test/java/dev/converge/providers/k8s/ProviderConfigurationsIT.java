package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.ProviderRef;
import dev.converge.api.Ref;
import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.ReplacementReason;
import dev.converge.testing.RequiredServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two named configurations of the k8s provider on a real kube-apiserver ({@code KUBECONFIG}; start one with
 * {@code eval "$(scripts/k8s/start-control-plane.sh)"}), differing in their default namespace: objects that name
 * no namespace land in their configuration's, the same object name lives in both without clashing, a second run
 * changes nothing, moving a ConfigMap to the other configuration replaces it there, and destroy removes both.
 * Each test uses namespaces of its own.
 */
class ProviderConfigurationsIT {

    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String blueNs = "cfg-blue-" + suffix;
    private final String greenNs = "cfg-green-" + suffix;
    private KubernetesClient client;

    @BeforeEach
    void connect() throws Exception {
        client = new KubernetesClientBuilder().build();
        Files.writeString(dir.resolve("converge.dev.properties"), "k8s.namespace=default\nk8s.pollMillis=100\n");
    }

    @AfterEach
    void removeNamespaces() {
        if (client != null) {
            client.namespaces().withName(blueNs).delete();
            client.namespaces().withName(greenNs).delete();
            client.close();
        }
    }

    /** The namespaces in the default configuration; {@code moved} in blue or green; a ConfigMap named alike in both. */
    private Program twoNamespaces(String movedTo) {
        return stack -> {
            ProviderRef blue = stack.provider(KubernetesConfig.named("blue").namespace(blueNs));
            ProviderRef green = stack.provider(KubernetesConfig.named("green").namespace(greenNs));
            Ref<?> blueSpace = stack.add(Namespace.of(blueNs));
            Ref<?> greenSpace = stack.add(Namespace.of(greenNs));
            stack.add(ConfigMap.of("settings").data("colour", "blue").provider(blue).dependsOn(blueSpace));
            var greenApps = stack.component("green", green);
            greenApps.add(ConfigMap.of("settings").data("colour", "green").dependsOn(greenSpace));
            greenApps.add(Secret.of("token").data("token", "t0ken").dependsOn(greenSpace));
            stack.add(ConfigMap.of("moved").data("where", movedTo).provider(movedTo.equals("blue") ? blue : green)
                    .dependsOn(blueSpace, greenSpace));
        };
    }

    private StackEngine engine(Program program) {
        return Converge.engine(program).workDir(dir).providers(new KubernetesProvider()).serviceLoader(false)
                .environment(Map.of("CONVERGE_SECRETS_PASSPHRASE", "provider-configurations-it")).releaseLog(false)
                .build();
    }

    private ApplyResult apply(Program program) {
        try (StackEngine engine = engine(program)) {
            return engine.apply(ApplyRequest.normal());
        }
    }

    private String colour(String namespace, String name) {
        var map = client.configMaps().inNamespace(namespace).withName(name).get();
        return map == null ? null : map.getData().values().iterator().next();
    }

    @Test
    void objectsLandInTheirConfigurationsNamespaceAndASecondRunChangesNothing() {
        ApplyResult result = apply(twoNamespaces("blue"));

        assertThat(result.succeeded()).as("%s", result.failures()).isTrue();
        assertThat(colour(blueNs, "settings")).isEqualTo("blue");
        assertThat(colour(greenNs, "settings")).isEqualTo("green");
        assertThat(client.secrets().inNamespace(greenNs).withName("token").get()).isNotNull();
        assertThat(colour(blueNs, "moved")).isEqualTo("blue");
        assertThat(client.configMaps().inNamespace("default").withName("settings").get()).isNull();
        assertThat(result.state().resource(Address.of("green", "token")).configuration()).isEqualTo("green");
        try (StackEngine engine = engine(twoNamespaces("blue"))) {
            assertThat(engine.plan(PlanRequest.normal()).hasChanges()).isFalse();
        }
    }

    @Test
    void movingAConfigMapToTheOtherConfigurationReplacesItInTheOtherNamespace() {
        assertThat(apply(twoNamespaces("blue")).succeeded()).isTrue();

        try (StackEngine engine = engine(twoNamespaces("green"))) {
            assertThat(engine.plan(PlanRequest.normal()).changes()).filteredOn(c -> c.kind() == Change.Kind.REPLACE)
                    .extracting(Change::address, change -> ((Change.Replace) change).cause())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Address.of("moved"),
                            ReplacementReason.PROVIDER_CONFIGURATION_CHANGED));
        }
        ApplyResult moved = apply(twoNamespaces("green"));

        assertThat(moved.succeeded()).as("%s", moved.failures()).isTrue();
        assertThat(colour(greenNs, "moved")).isEqualTo("green");
        assertThat(client.configMaps().inNamespace(blueNs).withName("moved").get()).as("deleted in blue").isNull();
        assertThat(moved.state().resource(Address.of("moved")).configuration()).isEqualTo("green");
    }

    @Test
    void destroyDeletesTheObjectsOfEveryConfiguration() {
        assertThat(apply(twoNamespaces("blue")).succeeded()).isTrue();

        ApplyResult destroyed;
        try (StackEngine engine = engine(twoNamespaces("blue"))) {
            destroyed = engine.destroy(ApplyRequest.normal());
        }

        assertThat(destroyed.succeeded()).as("%s", destroyed.failures()).isTrue();
        assertThat(destroyed.state().resources()).isEmpty();
        assertThat(client.configMaps().inNamespace(greenNs).withName("settings").get()).isNull();
    }
}
