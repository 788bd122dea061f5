package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.StackReference;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.RequiredServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stack references on the Kubernetes state backend of a real kube-apiserver: a stack reads another stack's
 * outputs from the same namespace, its serial shown in the plan and its secret encrypted in every Secret the
 * backend writes; a missing output is a clear error.
 */
class KubernetesStackReferenceIT {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    private static final String CANARY = "canary-k8s-reference-2718";
    private static final Map<String, String> KEY = Map.of("CONVERGE_SECRETS_PASSPHRASE", "shared-by-both-stacks");

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();
    private String namespace;
    private KubernetesStateBackend backend;

    @BeforeEach
    void networkStack() {
        namespace = "converge-refs-" + UUID.randomUUID().toString().substring(0, 8);
        Kubectl.run("create", "namespace", namespace);
        backend = KubernetesStateBackend.connect(null, null, namespace);
        Program network = stack -> {
            stack.export("vpcId", "vpc-4242");
            stack.export("dbPassword", Output.secret(CANARY));
        };
        try (StackEngine engine = engine(network, "network")) {
            assertThat(engine.apply(ApplyRequest.normal()).succeeded()).isTrue();
        }
    }

    @AfterEach
    void removeNamespace() {
        if (backend != null) {
            backend.close();
        }
        if (namespace != null) {
            Kubectl.run("delete", "namespace", namespace, "--wait=false");
        }
    }

    private StackEngine engine(Program program, String stack) {
        return Converge.engine(program).stack(stack).workDir(dir).providers(List.of(fake)).serviceLoader(false)
                .stateBackend(backend).environment(KEY).releaseLog(false).build();
    }

    private static Program app(String output) {
        return stack -> {
            StackReference net = stack.reference("network");
            stack.add(GenericResource.of(FakeProvider.THING, "app").set("ref", net.output(output))
                    .set("value", net.output("dbPassword")));
        };
    }

    @Test
    void aStackReadsAnotherStacksOutputsFromTheSameNamespaceAndKeepsItsSecretEncrypted() {
        try (StackEngine engine = engine(app("vpcId"), "app")) {
            Plan plan = engine.plan(PlanRequest.normal());
            assertThat(((Change.Read) plan.change(Address.of("stack:network")).orElseThrow()).serial()).isEqualTo(1);
            assertThat(new PlanRenderer(false).render(plan)).contains(" <= stack network (serial 1)")
                    .contains("+ ref = \"vpc-4242\"").contains("+ value = (sensitive)").doesNotContain(CANARY);
            assertThat(PlanJson.render(plan)).doesNotContain(CANARY);
            ApplyResult applied = engine.apply(ApplyRequest.normal());
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
        }
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs()).containsEntry("ref", "vpc-4242")
                .containsEntry("value", CANARY);
        String secrets = Kubectl.run("-n", namespace, "get", "secrets", "-o", "json");
        assertThat(secrets).contains("converge-state-app").contains("converge-state-network")
                .doesNotContain(CANARY).doesNotContain(base64(CANARY));
        for (String data : Kubectl.run("-n", namespace, "get", "secrets", "-o",
                "jsonpath={range .items[*]}{.data.*}{\"\\n\"}{end}").split("\\s+")) {
            if (!data.isBlank()) {
                assertThat(new String(Base64.getDecoder().decode(data), StandardCharsets.ISO_8859_1))
                        .doesNotContain(CANARY);
            }
        }
    }

    @Test
    void aMissingOutputIsAPlanningErrorListingWhatTheStackHas() {
        try (StackEngine engine = engine(app("subnetId"), "app")) {
            assertThatThrownBy(() -> engine.apply(ApplyRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("stack:network: stack 'network' (serial 1) has no output 'subnetId'")
                    .hasMessageContaining("it has: dbPassword, vpcId");
        }
        assertThat(fake.cloud()).isEmpty();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
