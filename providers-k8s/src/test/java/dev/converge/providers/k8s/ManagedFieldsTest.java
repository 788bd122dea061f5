package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field-ownership rules the real API server showed were needed (pure; {@code KubectlDriftIT},
 * {@code ServerSideApplyIT} and {@code CrudIT} check them against kube-apiserver): kubectl's managers are
 * out-of-band edits, a stack switched to server-side apply takes over its own earlier updates, and an
 * object Converge wrote reads back only its declared fields when there are no prior inputs.
 */
class ManagedFieldsTest {

    private static Map<String, Object> entry(String manager, String operation, Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("manager", manager);
        entry.put("operation", operation);
        entry.put("apiVersion", "v1");
        entry.put("fieldsType", "FieldsV1");
        entry.put("fieldsV1", fields);
        return entry;
    }

    private static Map<String, Object> data(String... keys) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : keys) {
            fields.put("f:" + key, Map.of());
        }
        return Map.of("f:data", fields);
    }

    @Test
    void fieldsOnlyKubectlWroteAreDriftNotForeignWhileAControllersFieldsAreForeign() {
        Map<String, Object> live = Map.of("apiVersion", "v1", "metadata", Map.of("managedFields", List.of(
                entry("converge", "Update", data("C")), entry("kubectl-edit", "Update", data("A")),
                entry("kubectl", "Update", data("S")), entry("tuning-operator", "Apply", data("B")))));
        assertThat(ManagedFields.foreign(live, FieldOwners.DEFAULT)).containsExactly(List.of("data", "B"));
        FieldOwners respectEveryone = new FieldOwners("converge", List.of());
        assertThat(ManagedFields.foreign(live, respectEveryone)).containsExactlyInAnyOrder(List.of("data", "A"),
                List.of("data", "S"), List.of("data", "B"));
        assertThat(FieldOwners.DEFAULT.isOutOfBand("kubectl-client-side-apply")).isTrue();
        assertThat(FieldOwners.DEFAULT.isOutOfBand("kubectlish")).isFalse();
    }

    @Test
    void ourUpdateEntriesMoveIntoOurApplyEntryAndOthersStay() {
        Map<String, Object> live = Map.of("apiVersion", "v1", "metadata", Map.of("managedFields", List.of(
                entry("converge", "Update", data("A", "B")), entry("converge", "Apply", data("C")),
                entry("tuning-operator", "Apply", data("D")))));
        List<Object> moved = ManagedFields.updatesMovedToApply(live, "converge").orElseThrow();
        assertThat(moved).hasSize(2).contains(entry("tuning-operator", "Apply", data("D")));
        assertThat(moved).anySatisfy(e -> assertThat(e).isEqualTo(entry("converge", "Apply", Map.of("f:data",
                Map.of("f:C", Map.of(), "f:A", Map.of(), "f:B", Map.of())))));
        Map<String, Object> applyOnly = Map.of("metadata", Map.of("managedFields",
                List.of(entry("converge", "Apply", data("C")))));
        assertThat(ManagedFields.updatesMovedToApply(applyOnly, "converge")).isEmpty();
    }

    @Test
    void withoutPriorInputsAnObjectConvergeWroteReadsBackOnlyItsDeclaredFields() {
        TypeSpec spec = Kinds.require("k8s:Service");
        Map<String, Object> declared = Manifests.desired(spec, Fixtures.inputs(Service.of("web").selector("app", "web")
                .port(80, 8080)), "shop");
        Map<String, Object> live = Trees.copyMap(Manifests.declared(declared,
                new dev.converge.spi.Ownership("dev", dev.converge.api.Address.parse("web"))));
        Trees.put(live, List.of("spec", "clusterIP"), "10.96.0.7");
        Trees.put(live, List.of("spec", "type"), "ClusterIP");
        Trees.put(live, List.of("spec", "ports"), List.of(Map.of("name", "p80", "port", 80L, "targetPort", 8080L,
                "protocol", "TCP")));
        Trees.put(live, List.of("metadata", "annotations", "other.tool/seen"), "yes");
        Map<String, Object> observed = Manifests.observe(spec, live, Map.of(), FieldOwners.DEFAULT);
        assertThat(observed).isEqualTo(Map.of("name", "web", "namespace", "shop", "spec", Map.of("selector",
                Map.of("app", "web"), "ports", List.of(Map.of("name", "p80", "port", 80L, "targetPort", 8080L)))));

        Trees.put(live, List.of("metadata", "annotations", DeclaredShape.ANNOTATION), null);
        assertThat(Manifests.observe(spec, live, Map.of(), FieldOwners.DEFAULT)).as("an object someone else made")
                .containsKey("annotations").extractingByKey("spec").asString().contains("clusterIP");
    }
}
