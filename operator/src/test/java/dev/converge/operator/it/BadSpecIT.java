package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad specs on the real cluster, side by side with a good one: an image the node does not have, a program
 * class that is not in the image, a required configuration key missing, a Secret that does not exist. Each
 * gets a Failed condition naming the cause; the good stack becomes Ready; the controller does not restart.
 * A spec without an image is refused by the API server (the CRD's schema).
 */
class BadSpecIT {

    private static Stacks stacks;

    @BeforeAll
    static void operator() {
        stacks = new Stacks(OperatorCluster.get(), "op-bad");
    }

    @Test
    void eachBadSpecFailsNamingItsCauseWhileAGoodStackBecomesReady() {
        int restartsBefore = controllerRestarts();
        String image = Stacks.unique("no-image");
        String program = Stacks.unique("no-class");
        String config = Stacks.unique("no-key");
        String secret = Stacks.unique("no-secret");
        String good = Stacks.unique("good");
        Map<String, Object> noImage = Stacks.demoSpec(Map.of("demo.greeting", "hi"));
        noImage.put("image", "converge/not-imported:1");
        stacks.create(image, noImage);
        Map<String, Object> noClass = Stacks.demoSpec(Map.of("demo.greeting", "hi"));
        noClass.put("program", Map.of("class", "com.example.infra.NoSuchProgram"));
        stacks.create(program, noClass);
        stacks.create(config, Stacks.demoSpec(Map.of()));
        Map<String, Object> noSecret = Stacks.demoSpec(Map.of("demo.greeting", "hi"));
        noSecret.put("secretRefs", List.of(Map.of("name", "does-not-exist")));
        stacks.create(secret, noSecret);
        stacks.create(good, Stacks.demoSpec(Map.of("demo.greeting", "hi")));

        awaitFailed(image, "ImageNotAvailable", "converge/not-imported:1");
        awaitFailed(program, "ProgramInvalid", "com.example.infra.NoSuchProgram");
        awaitFailed(config, "ConfigInvalid", "demo.greeting");
        awaitFailed(secret, "SecretNotFound", "does-not-exist");
        stacks.awaitSuccess(good, "Ready beside the failing stacks", Duration.ofMinutes(2),
                s -> s.is(good, "Ready", "True", "Applied"));
        assertThat(controllerRestarts()).as("the controller does not crash on bad specs").isEqualTo(restartsBefore);

        Map<String, Object> withoutImage = Stacks.demoSpec(Map.of("demo.greeting", "hi"));
        withoutImage.remove("image");
        assertThatThrownBy(() -> stacks.create(Stacks.unique("no-image-field"), withoutImage))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.image");
        for (String name : List.of(image, program, config, secret, good)) {
            stacks.delete(name);
        }
    }

    private void awaitFailed(String name, String reason, String cause) {
        stacks.await(name, "Failed with reason " + reason, Duration.ofMinutes(2),
                s -> s.is(name, "Failed", "True", reason));
        assertThat(stacks.condition(name, "Failed").orElseThrow().get("message").toString()).contains(cause);
        assertThat(stacks.is(name, "Ready", "False", reason)).isTrue();
    }

    private int controllerRestarts() {
        return stacks.client.pods().inNamespace(OperatorCluster.OPERATOR_NAMESPACE)
                .withLabel("app.kubernetes.io/name", "converge-operator").list().getItems().stream()
                .map(Pod::getStatus).flatMap(status -> status.getContainerStatuses().stream())
                .mapToInt(container -> container.getRestartCount()).sum();
    }
}
