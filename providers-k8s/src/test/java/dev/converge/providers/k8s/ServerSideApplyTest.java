package dev.converge.providers.k8s;

import static dev.converge.providers.k8s.Fixtures.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.spi.CreateResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply ({@code k8s.serverSideApply=true}). The mock's CRUD mode answers apply patches
 * with 404, so an expectation plays the API server's apply endpoint and the test checks what the
 * client side decides: the request is an apply patch of the declared fields only (no server fields,
 * no resourceVersion: field ownership replaces optimistic locking), owned by the field manager
 * {@code converge}, with strict field validation and without forcing conflicts (the default of
 * {@code k8s.forceConflicts}). Merging, field ownership and conflicts are the real server's job:
 * {@code ServerSideApplyIT} covers them against kube-apiserver.
 */
class ServerSideApplyTest {

    private static final String PATH = "/api/v1/namespaces/default/configmaps/settings"
            + "?fieldValidation=Strict&fieldManager=converge";

    private MockApiServer api;
    private KubernetesProvider provider;
    private final List<Map<String, Object>> applied = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        api = new MockApiServer();
        provider = api.provider("dev", Map.of("k8s.serverSideApply", "true"));
        KubernetesSerialization json = new KubernetesSerialization();
        api.server().expect().patch().withPath(PATH).andReply(200, request -> {
            contentTypes.add(request.getHeader("Content-Type"));
            Map<String, Object> object = json.unmarshal(request.getUtf8Body(), Map.class);
            applied.add(object);
            Map<String, Object> answer = Trees.copyMap(object);
            Trees.put(answer, List.of("metadata", "uid"), "uid-1");
            Trees.put(answer, List.of("metadata", "resourceVersion"), Integer.toString(applied.size()));
            return answer;
        }).always();
    }

    @AfterEach
    void stop() {
        provider.close();
        api.close();
    }

    @Test
    void createAndUpdateSendApplyPatchesOfTheDeclaredFieldsOwnedByConverge() {
        Address address = Address.parse("settings");
        ConfigMap v1 = ConfigMap.of("settings").data("A", "1");
        CreateResponse created = provider.create(create(address, v1));
        assertThat(created.outputs()).containsEntry("uid", "uid-1");
        // What the real server would now hold (an update reads the object's managedFields first).
        api.admin().configMaps().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata().addToData("A", "1").build()).create();
        provider.update(Fixtures.update(provider, address, created.id(), v1, v1.data("B", "2")));

        assertThat(contentTypes).hasSize(2).allSatisfy(type -> assertThat(type).startsWith("application/apply-patch+yaml"));
        assertThat(applied.get(1)).containsEntry("data", Map.of("A", "1", "B", "2"))
                .containsEntry("apiVersion", "v1").containsEntry("kind", "ConfigMap");
        assertThat(Trees.get(applied.get(1), List.of("metadata"))).isInstanceOfSatisfying(Map.class,
                metadata -> assertThat(metadata.keySet()).containsExactlyInAnyOrder("name", "namespace", "labels",
                        "annotations"));
        assertThat(Trees.get(applied.get(1), List.of("metadata", "labels", "converge.stack"))).isEqualTo("dev");
    }
}
