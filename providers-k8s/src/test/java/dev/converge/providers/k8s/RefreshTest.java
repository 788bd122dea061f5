package dev.converge.providers.k8s;

import static dev.converge.providers.k8s.Fixtures.create;
import static dev.converge.providers.k8s.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh by label selector and crash recovery by ownership labels. */
class RefreshTest {

    private MockApiServer api;
    private KubernetesProvider provider;
    private final List<ReadRequest> reads = new ArrayList<>();

    @BeforeEach
    void start() {
        api = new MockApiServer();
        provider = api.provider("dev", Map.of());
        for (String namespace : List.of("default", "other")) {
            for (int i = 0; i < (namespace.equals("default") ? 3 : 2); i++) {
                Address address = Address.parse("app/" + namespace + "-cm" + i);
                ConfigMap cm = ConfigMap.of("cm" + i).namespace(namespace).data("index", Integer.toString(i));
                String id = provider.create(create(address, cm)).id();
                reads.add(read(address, cm, id));
            }
        }
        KubernetesProvider prod = api.provider("prod", Map.of());
        prod.create(create("prod", Address.parse("app/prod-cm"), ConfigMap.of("prod-cm").data("k", "v"),
                Duration.ofSeconds(5)));
        prod.close();
    }

    @AfterEach
    void stop() {
        provider.close();
        api.close();
    }

    @Test
    void readManyListsEachKindOncePerNamespaceWithTheStackSelector() throws Exception {
        while (api.server().takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // drain the requests of the setup
        }
        int before = api.server().getRequestCount();
        ReadManyResponse response = provider.readMany(new ReadManyRequest("k8s:ConfigMap", reads));
        assertThat(api.server().getRequestCount() - before).as("one list call per namespace").isEqualTo(2);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            paths.add(URLDecoder.decode(api.server().takeRequest().getPath(), StandardCharsets.UTF_8));
        }
        assertThat(paths).allSatisfy(path -> assertThat(path).contains("/configmaps?labelSelector=")
                .contains("converge.stack=dev").contains("app.kubernetes.io/managed-by=converge"));
        assertThat(paths).anySatisfy(path -> assertThat(path).startsWith("/api/v1/namespaces/default/"))
                .anySatisfy(path -> assertThat(path).startsWith("/api/v1/namespaces/other/"));

        assertThat(response.results()).hasSize(5);
        assertThat(response.results().values()).allSatisfy(result -> assertThat(result.exists()).isTrue());
        ReadResponse first = response.results().get(Address.parse("app/other-cm1"));
        assertThat(first.inputs()).containsEntry("namespace", "other").containsEntry("data", Map.of("index", "1"));
    }

    @Test
    void readManyDetectsEditedAndDeletedObjects() {
        api.admin().configMaps().inNamespace("other").withName("cm0").delete();
        api.admin().configMaps().inNamespace("default").withName("cm2")
                .edit(cm -> { cm.getData().put("index", "changed"); return cm; });
        int before = api.server().getRequestCount();
        ReadManyResponse response = provider.readMany(new ReadManyRequest("k8s:ConfigMap", reads));
        assertThat(api.server().getRequestCount() - before).as("two lists and one GET confirming the loss")
                .isEqualTo(3);
        assertThat(response.results().get(Address.parse("app/other-cm0")).exists()).isFalse();
        assertThat(response.results().get(Address.parse("app/default-cm2")).inputs())
                .containsEntry("data", Map.of("index", "changed"));
    }

    @Test
    void findOwnedListsTheStacksObjectsWithTheirAddresses() {
        FindOwnedResponse owned = provider.findOwned(new FindOwnedRequest("dev", Set.of("k8s:ConfigMap")));
        assertThat(owned.supported()).isTrue();
        assertThat(owned.objects()).extracting(OwnedObject::address).extracting(Address::toString)
                .containsExactlyInAnyOrder("app/default-cm0", "app/default-cm1", "app/default-cm2", "app/other-cm0",
                        "app/other-cm1");
        OwnedObject one = owned.objects().stream().filter(o -> o.address().toString().equals("app/other-cm1"))
                .findFirst().orElseThrow();
        assertThat(one.id()).isEqualTo("other/cm1");
        assertThat(one.type()).isEqualTo("k8s:ConfigMap");
        assertThat(one.inputs()).containsEntry("data", Map.of("index", "1"));
        assertThat(provider.findOwned(new FindOwnedRequest("prod", Set.of())).objects())
                .extracting(o -> o.address().toString()).containsExactly("app/prod-cm");
    }
}
