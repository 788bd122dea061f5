package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Output;
import dev.converge.spi.ValidateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema, diff and merge rules, without any server. */
class PureLogicTest {

    @Test
    void pruneKeepsOnlyTheDeclaredShapeIncludingInsideLists() {
        Object live = Map.of("replicas", 3, "strategy", Map.of("type", "RollingUpdate"),
                "containers", List.of(Map.of("name", "web", "image", "a", "imagePullPolicy", "Always"),
                        Map.of("name", "sidecar")));
        Object shape = Map.of("replicas", 2, "containers", List.of(Map.of("name", "web", "image", "b")));
        assertThat(Trees.prune(live, shape)).isEqualTo(Map.of("replicas", 3,
                "containers", List.of(Map.of("name", "web", "image", "a"), Map.of("name", "sidecar"))));
    }

    @Test
    void mergeRemovesWhatWeStoppedManagingAndKeepsWhatOthersAdded() {
        Map<String, Object> live = Map.of("data", Map.of("old", "1", "theirs", "2", "kept", "3"));
        Map<String, Object> previous = Map.of("data", Map.of("old", "1", "kept", "3"));
        Map<String, Object> desired = Map.of("data", Map.of("kept", "4"));
        assertThat(Trees.merge(live, desired, previous)).isEqualTo(Map.of("data", Map.of("theirs", "2", "kept", "4")));
    }

    @Test
    void fieldsOfOtherManagersAreForeignUnlessWeOwnThemToo() {
        Map<String, Object> sidecar = Map.of("k:{\"name\":\"istio\"}", Map.of(".", Map.of()));
        Map<String, Object> controller = Map.of("f:spec", Map.of("f:replicas", Map.of(),
                "f:template", Map.of("f:spec", Map.of("f:containers", sidecar))));
        Map<String, Object> paused = Map.of("f:spec", Map.of("f:paused", Map.of()));
        Map<String, Object> live = Map.of("metadata", Map.of("managedFields", List.of(
                Map.of("manager", "kube-controller-manager", "fieldsV1", controller),
                Map.of("manager", "converge", "fieldsV1", paused),
                Map.of("manager", "kubectl", "fieldsV1", paused))));
        assertThat(ManagedFields.foreign(live, FieldOwners.DEFAULT)).containsExactly(List.of("spec", "replicas"));
    }

    @Test
    void readinessNeedsTheLatestGenerationObservedAndAllReplicasAvailable() {
        Map<String, Object> ready = Map.of("metadata", Map.of("generation", 2), "spec", Map.of("replicas", 3),
                "status", Map.of("observedGeneration", 2, "replicas", 3, "updatedReplicas", 3, "availableReplicas", 3));
        assertThat(Readiness.problem(ready)).isEmpty();
        // What the real Deployment controller reports right after a template change: the new generation is
        // observed, the old pods are still the available ones, none is updated yet.
        Map<String, Object> justStarted = Map.of("metadata", Map.of("generation", 2), "spec", Map.of("replicas", 3),
                "status", Map.of("observedGeneration", 2, "replicas", 3, "updatedReplicas", 0, "availableReplicas", 3));
        assertThat(Readiness.problem(justStarted)).hasValueSatisfying(p -> assertThat(p)
                .contains("0 of 3 replicas updated"));
        Map<String, Object> oldPodsLeft = Map.of("metadata", Map.of("generation", 2), "spec", Map.of("replicas", 3),
                "status", Map.of("observedGeneration", 2, "replicas", 4, "updatedReplicas", 3, "availableReplicas", 3));
        assertThat(Readiness.problem(oldPodsLeft)).hasValueSatisfying(p -> assertThat(p)
                .contains("1 old replicas pending termination"));
        Map<String, Object> onDelete = Map.of("spec", Map.of("replicas", 1, "updateStrategy", Map.of("type", "OnDelete")),
                "status", Map.of("observedGeneration", 1, "replicas", 1, "updatedReplicas", 0, "availableReplicas", 1));
        assertThat(Readiness.problem(onDelete)).as("a StatefulSet updated on delete").isEmpty();
        Map<String, Object> stale = Map.of("metadata", Map.of("generation", 3), "spec", Map.of("replicas", 3),
                "status", Map.of("observedGeneration", 2, "replicas", 3, "updatedReplicas", 3, "availableReplicas", 3));
        assertThat(Readiness.problem(stale)).hasValueSatisfying(p -> assertThat(p)
                .contains("observedGeneration 2 < metadata.generation 3"));
        Map<String, Object> failing = Map.of("spec", Map.of("replicas", 1), "status", Map.of("observedGeneration", 1,
                "conditions", List.of(Map.of("type", "ReplicaFailure", "status", "True", "reason", "FailedCreate",
                        "message", "quota exceeded"))));
        assertThat(Readiness.problem(failing)).hasValueSatisfying(p -> assertThat(p)
                .contains("0 of 1 replicas available").contains("ReplicaFailure=True (FailedCreate: quota exceeded)"));
    }

    @Test
    void labelValuesAreMadeValidAndStayDistinct() {
        assertThat(Labels.safe("dev")).isEqualTo("dev");
        assertThat(Labels.safe("erlbank/accounts")).isEqualTo("erlbank.accounts");
        String odd = Labels.safe("group/item[0]");
        assertThat(odd).startsWith("h-").hasSizeLessThanOrEqualTo(63).isNotEqualTo(Labels.safe("group/item[1]"));
    }

    @Test
    void idsParseForTypedAndGenericResources() {
        assertThat(ObjectRef.parse(Kinds.require("k8s:ConfigMap").kind(), "ns1/cfg", "default"))
                .isEqualTo(new ObjectRef(Kinds.require("k8s:ConfigMap").kind(), "ns1", "cfg"));
        assertThat(ObjectRef.parse(Kinds.require("k8s:ConfigMap").kind(), "cfg", "default").namespace())
                .isEqualTo("default");
        ObjectRef crd = ObjectRef.parse(null, "Widget.example.com/v1:team/w1", "default");
        assertThat(crd.kind().plural()).isEqualTo("widgets");
        assertThat(crd.id(true)).isEqualTo("Widget.example.com/v1:team/w1");
        assertThat(ObjectRef.parse(null, "Ingress.networking.k8s.io/v1:web", "default").kind().plural())
                .isEqualTo("ingresses");
        assertThatThrownBy(() -> ObjectRef.parse(Kinds.require("k8s:Namespace").kind(), "a/b", "default"))
                .hasMessageContaining("cluster-scoped");
        assertThatThrownBy(() -> ObjectRef.parse(null, "w1", "default"))
                .hasMessageContaining("Kind.apiVersion:namespace/name");
    }

    @Test
    void validationNamesBadNamesAndIncompleteManifests() {
        List<Diagnostic> problems = Checks.validate(new ValidateRequest(Address.parse("x"), "k8s:Manifest",
                Map.of("manifest", Map.of("kind", "Widget", "metadata", Map.of()))));
        assertThat(problems).extracting(Diagnostic::summary).contains("the manifest has no 'apiVersion'",
                "the manifest has no metadata.name");
        assertThat(Checks.validate(new ValidateRequest(Address.parse("x"), "k8s:ConfigMap",
                Map.of("name", "Bad_Name")))).extracting(Diagnostic::summary).containsExactly(
                "invalid Kubernetes name 'Bad_Name'");
        assertThat(Checks.validate(new ValidateRequest(Address.parse("x"), "k8s:Nope", Map.of()))).hasSize(1);
    }

    @Test
    void typedBuildersProduceManifestShapedSpecsAndKeepDeferredValues() {
        Output<String> image = Output.of("erlbank/web:1");
        Deployment web = Deployment.of("web").image(image).port(8080).env("A", "b").replicas(2L);
        Map<String, Object> spec = Fixtures.inputs(Deployment.of("web").port(8080).env("A", "b").replicas(2L));
        assertThat(spec.get("spec")).isEqualTo(Map.of("replicas", 2L,
                "selector", Map.of("matchLabels", Map.of("app", "web")),
                "template", Map.of("metadata", Map.of("labels", Map.of("app", "web")),
                        "spec", Map.of("containers", List.of(Map.of("name", "web",
                                "ports", List.of(Map.of("containerPort", 8080L)),
                                "env", List.of(Map.of("name", "A", "value", "b"))))))));
        Object container = Trees.get(web.declaration().properties().get("spec"), List.of("template", "spec"));
        assertThat(container.toString()).contains("image=Output(");
        Map<String, Object> desired = Manifests.desired(Kinds.require("k8s:Service"),
                Fixtures.inputs(Service.of("web").selector("app", "web").port(80, 8080)), "prod");
        assertThat(desired).containsEntry("apiVersion", "v1").containsEntry("kind", "Service")
                .containsEntry("metadata", Map.of("name", "web", "namespace", "prod"));
    }
}
