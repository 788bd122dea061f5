package dev.converge.providers.k8s;

import static dev.converge.providers.k8s.Fixtures.create;
import static dev.converge.providers.k8s.Fixtures.diff;
import static dev.converge.providers.k8s.Fixtures.inputs;
import static dev.converge.providers.k8s.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create, read, drift, update, delete and import through the SPI against the CRUD mock server. */
class ProviderCrudTest {

    private static final Address SETTINGS = Address.parse("erlbank/settings");

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

    private static ConfigMap settings(String level) {
        return ConfigMap.of("settings").data("LOG_LEVEL", level).label("app", "erlbank");
    }

    private io.fabric8.kubernetes.api.model.ConfigMap liveSettings() {
        return api.admin().configMaps().inNamespace("default").withName("settings").get();
    }

    @Test
    void createMarksTheObjectAsOursAndReadShowsNoDiff() {
        CreateResponse created = provider.create(create(SETTINGS, settings("info")));

        assertThat(created.id()).isEqualTo("default/settings");
        assertThat(created.outputs()).containsEntry("namespace", "default").containsKey("uid");
        var live = liveSettings();
        assertThat(live.getData()).containsEntry("LOG_LEVEL", "info");
        assertThat(live.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "converge")
                .containsEntry("converge.stack", "dev").containsEntry("converge.address", "erlbank.settings")
                .containsEntry("app", "erlbank");
        assertThat(live.getMetadata().getAnnotations()).containsEntry("converge.dev/address", "erlbank/settings")
                .containsEntry("converge.dev/stack", "dev");

        ReadResponse read = provider.read(read(SETTINGS, settings("info"), created.id()));
        assertThat(read.inputs()).isEqualTo(Map.of("name", "settings", "namespace", "default",
                "labels", Map.of("app", "erlbank"), "data", Map.of("LOG_LEVEL", "info")));
        assertThat(diff(provider, SETTINGS, settings("info"), read).hasChanges()).isFalse();
    }

    @Test
    void anObjectDeletedOutOfBandReadsAsGone() {
        CreateResponse created = provider.create(create(SETTINGS, settings("info")));
        api.admin().configMaps().inNamespace("default").withName("settings").delete();
        assertThat(provider.read(read(SETTINGS, settings("info"), created.id())).exists()).isFalse();
    }

    @Test
    void anOutOfBandEditShowsAsDriftAndUpdateRepairsIt() {
        CreateResponse created = provider.create(create(SETTINGS, settings("info")));
        api.admin().configMaps().inNamespace("default").withName("settings")
                .edit(cm -> { cm.getData().put("LOG_LEVEL", "debug"); return cm; });

        ReadResponse drifted = provider.read(read(SETTINGS, settings("info"), created.id()));
        DiffResponse diff = diff(provider, SETTINGS, settings("info"), drifted);
        assertThat(diff.diffs()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("data.LOG_LEVEL");
            assertThat(d.before()).isEqualTo("debug");
            assertThat(d.after()).isEqualTo("info");
        });
        provider.update(new dev.converge.spi.UpdateRequest(SETTINGS, "k8s:ConfigMap", created.id(), drifted.inputs(),
                drifted.outputs(), inputs(settings("info")), diff.diffs(), Fixtures.TIMEOUT));
        assertThat(liveSettings().getData()).containsEntry("LOG_LEVEL", "info");
        assertThat(diff(provider, SETTINGS, settings("info"),
                provider.read(read(SETTINGS, settings("info"), created.id()))).hasChanges()).isFalse();
    }

    @Test
    void updateRemovesEntriesNoLongerDeclaredAndKeepsThoseOfOtherTools() {
        CreateResponse created = provider.create(create(SETTINGS, settings("info").data("OLD", "x")));
        api.admin().configMaps().inNamespace("default").withName("settings").edit(cm -> {
            cm.getData().put("ADDED_BY_OPERATOR", "y");
            cm.getMetadata().getAnnotations().put("other.tool/checksum", "abc");
            return cm;
        });
        provider.update(Fixtures.update(provider, SETTINGS, created.id(), settings("info").data("OLD", "x"),
                settings("warn")));
        var live = liveSettings();
        assertThat(live.getData()).containsEntry("LOG_LEVEL", "warn").containsEntry("ADDED_BY_OPERATOR", "y")
                .doesNotContainKey("OLD");
        assertThat(live.getMetadata().getAnnotations()).containsEntry("other.tool/checksum", "abc");
    }

    @Test
    void deleteRemovesTheObjectAndSucceedsWhenAlreadyGone() {
        CreateResponse created = provider.create(create(SETTINGS, settings("info")));
        DeleteRequest delete = new DeleteRequest(SETTINGS, "k8s:ConfigMap", created.id(), Map.of(), Map.of(),
                Fixtures.TIMEOUT);
        assertThat(provider.delete(delete).alreadyGone()).isFalse();
        assertThat(liveSettings()).isNull();
        assertThat(provider.delete(delete).alreadyGone()).isTrue();
    }

    @Test
    void creatingAnObjectThatExistsFailsWithAnImportHint() {
        provider.create(create(SETTINGS, settings("info")));
        assertThatThrownBy(() -> provider.create(create(SETTINGS, settings("info"))))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("ConfigMap default/settings").hasMessageContaining("import");
    }

    @Test
    void secretDataIsSensitiveStoredBase64AndReadBackPlain() {
        assertThat(Kinds.require("k8s:Secret").schema().property("data").sensitive()).isTrue();
        Address address = Address.parse("db-password");
        Secret secret = Secret.of("db").data("password", "s3cr3t");
        CreateResponse created = provider.create(create(address, secret));
        var live = api.admin().secrets().inNamespace("default").withName("db").get();
        assertThat(new String(Base64.getDecoder().decode(live.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo("s3cr3t");
        assertThat(live.getType()).isEqualTo("Opaque");
        ReadResponse read = provider.read(read(address, secret, created.id()));
        assertThat(read.inputs()).containsEntry("data", Map.of("password", "s3cr3t"));
        assertThat(diff(provider, address, secret, read).hasChanges()).isFalse();
    }

    @Test
    void aReplacementThatKeepsTheNameDeletesFirst() {
        Secret opaque = Secret.of("tls").data("k", "v");
        Secret tls = Secret.of("tls").data("k", "v").type("kubernetes.io/tls");
        DiffResponse diff = provider.diff(new DiffRequest(SETTINGS, "k8s:Secret", "default/tls", inputs(opaque),
                Map.of(), inputs(tls)));
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        DiffResponse renamed = provider.diff(new DiffRequest(SETTINGS, "k8s:Secret", "default/tls", inputs(opaque),
                Map.of(), inputs(opaque.objectName("tls2").type("kubernetes.io/tls"))));
        assertThat(renamed.replacementOrder()).isEqualTo(ReplacementOrder.DEFAULT);
        DiffResponse inPlace = provider.diff(new DiffRequest(SETTINGS, "k8s:Secret", "default/tls", inputs(opaque),
                Map.of(), inputs(opaque.data("k", "w"))));
        assertThat(inPlace.requiresReplacement()).isFalse();
        assertThat(inPlace.replacementOrder()).as("if immutable() or --replace makes it a replacement")
                .isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
    }

    @Test
    void importAdoptsAnExistingObjectByNamespaceAndName() {
        api.admin().configMaps().inNamespace("legacy").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("old-settings").addToLabels("team", "payments").endMetadata()
                .addToData("MODE", "batch").build()).create();
        Address address = Address.parse("imported");

        ImportResponse imported = provider.importResource(new ImportRequest(address, "k8s:ConfigMap",
                "legacy/old-settings", new Ownership("dev", address)));

        assertThat(imported.exists()).isTrue();
        assertThat(imported.id()).isEqualTo("legacy/old-settings");
        assertThat(imported.inputs()).containsEntry("name", "old-settings").containsEntry("namespace", "legacy")
                .containsEntry("data", Map.of("MODE", "batch")).containsEntry("labels", Map.of("team", "payments"));
        var live = api.admin().configMaps().inNamespace("legacy").withName("old-settings").get();
        assertThat(live.getMetadata().getLabels()).containsEntry("converge.stack", "dev").containsEntry("team",
                "payments");
        assertThat(live.getData()).containsEntry("MODE", "batch");
        assertThat(provider.importResource(new ImportRequest(address, "k8s:ConfigMap", "legacy/missing",
                new Ownership("dev", address))).exists()).isFalse();
    }
}
