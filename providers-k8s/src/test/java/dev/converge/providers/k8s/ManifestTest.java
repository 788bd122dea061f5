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
import dev.converge.spi.ReadResponse;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generic manifests, custom resources and YAML loading. */
class ManifestTest {

    private static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("example.com").withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true)
            .build();

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

    private static Manifest widget(long size) {
        return Manifest.of("widget", Map.of("apiVersion", "example.com/v1", "kind", "Widget",
                "metadata", Map.of("name", "w1", "labels", Map.of("tier", "gold")), "spec", Map.of("size", size)));
    }

    @Test
    void aCustomResourceIsCreatedReadUpdatedAndDeletedThroughTheGenericPath() {
        Address address = Address.parse("widget");
        CreateResponse created = provider.create(create(address, widget(3)));
        assertThat(created.id()).isEqualTo("Widget.example.com/v1:default/w1");
        GenericKubernetesResource live = api.admin().genericKubernetesResources(WIDGETS).inNamespace("default")
                .withName("w1").get();
        assertThat((Object) live.get("spec", "size")).isEqualTo(3);
        assertThat(live.getMetadata().getLabels()).containsEntry("tier", "gold").containsEntry("converge.stack", "dev");

        ReadResponse read = provider.read(read(address, widget(3), created.id()));
        assertThat(read.inputs()).isEqualTo(inputs(widget(3)));
        assertThat(diff(provider, address, widget(3), read).hasChanges()).isFalse();

        DiffResponse resize = diff(provider, address, widget(5), read);
        assertThat(resize.diffs()).singleElement().satisfies(d -> assertThat(d.path()).isEqualTo("manifest.spec.size"));
        assertThat(resize.requiresReplacement()).isFalse();
        provider.update(Fixtures.update(provider, address, created.id(), widget(3), widget(5)));
        assertThat((Object) api.admin().genericKubernetesResources(WIDGETS).inNamespace("default").withName("w1").get()
                .get("spec", "size")).isEqualTo(5);

        provider.delete(new DeleteRequest(address, "k8s:Manifest", created.id(), Map.of(), Map.of(), Fixtures.TIMEOUT));
        assertThat(api.admin().genericKubernetesResources(WIDGETS).inNamespace("default").withName("w1").get()).isNull();
    }

    @Test
    void renamingAManifestReplacesItAndChangingItsKindDeletesFirstOnlyWhenTheNameStays() {
        DiffResponse renamed = provider.diff(new DiffRequest(Address.parse("w"), "k8s:Manifest", "x", inputs(widget(3)),
                Map.of(), inputs(widget(3).set("w2", "metadata", "name"))));
        assertThat(renamed.requiresReplacement()).isTrue();
        assertThat(renamed.replacementOrder()).isEqualTo(ReplacementOrder.DEFAULT);
        DiffResponse rekinded = provider.diff(new DiffRequest(Address.parse("w"), "k8s:Manifest", "x",
                inputs(widget(3)), Map.of(), inputs(widget(3).set("example.com/v2", "apiVersion"))));
        assertThat(rekinded.requiresReplacement()).isTrue();
    }

    @Test
    void aManifestCanBeImportedByKindAndName() {
        GenericKubernetesResource existing = new GenericKubernetesResource();
        existing.setApiVersion("example.com/v1");
        existing.setKind("Widget");
        existing.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("legacy")
                .withNamespace("default").build());
        existing.setAdditionalProperty("spec", Map.of("size", 1));
        api.admin().genericKubernetesResources(WIDGETS).inNamespace("default").resource(existing).create();
        Address address = Address.parse("legacy");
        ImportResponse imported = provider.importResource(new ImportRequest(address, "k8s:Manifest",
                "Widget.example.com/v1:default/legacy", new Ownership("dev", address)));
        assertThat(imported.exists()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) imported.inputs().get("manifest");
        assertThat(manifest.get("spec")).isEqualTo(Map.of("size", 1L));
        assertThat(manifest.get("metadata")).isEqualTo(Map.of("name", "legacy", "namespace", "default"));
    }

    @Test
    void yamlManifestsLoadIntoResourcesThatApply(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                # the app
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-config
                data:
                  MODE: fast
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w1
                spec:
                  size: 2
                ---
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ServiceAccount
                    metadata:
                      name: runner
                """);
        List<Manifest> manifests = ManifestLoader.load(file);
        assertThat(manifests).extracting(Manifest::name).containsExactly("configmap-app-config", "widget-w1",
                "serviceaccount-runner");
        for (Manifest manifest : manifests) {
            provider.create(create(Address.parse("yaml/" + manifest.name()), manifest));
        }
        assertThat(api.admin().configMaps().inNamespace("default").withName("app-config").get().getData())
                .containsEntry("MODE", "fast");
        assertThat(api.admin().serviceAccounts().inNamespace("default").withName("runner").get()).isNotNull();
        assertThat((Object) api.admin().genericKubernetesResources(WIDGETS).inNamespace("default").withName("w1").get()
                .get("spec", "size")).isEqualTo(2);
    }

    @Test
    void yamlThatIsNotAKubernetesObjectIsRefusedNamingTheDocument() {
        assertThatThrownBy(() -> ManifestLoader.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                + "just: data\n", "bad.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("apiVersion, kind and metadata.name");
    }
}
