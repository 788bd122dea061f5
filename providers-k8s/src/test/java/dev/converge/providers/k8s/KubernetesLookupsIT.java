package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Program;
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
import dev.converge.testing.RequiredServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Lookups against a real kube-apiserver: a Namespace and a Secret made with kubectl, found by a program that
 * puts a ConfigMap in the Namespace and copies the Secret's password into a Secret of its own. The password
 * is never in plaintext in the plan, its JSON or the state; a Secret that is not there stops the plan.
 */
class KubernetesLookupsIT {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    private static final String CANARY = "canary-k8s-password-31337";

    @TempDir
    Path dir;

    private String namespace;
    private String stack;

    @BeforeEach
    void existingObjects() throws Exception {
        stack = "lk" + UUID.randomUUID().toString().substring(0, 8);
        namespace = "payments-" + stack;
        Kubectl.run("create", "namespace", namespace);
        Kubectl.run("label", "namespace", namespace, "team=payments");
        Kubectl.run("-n", namespace, "create", "secret", "generic", "db-credentials",
                "--from-literal=password=" + CANARY, "--from-literal=user=app");
        Files.writeString(dir.resolve("converge." + stack + ".properties"), "k8s.namespace=default\nk8s.pollMillis=100\n");
    }

    @AfterEach
    void removeNamespace() {
        if (namespace != null) {
            Kubectl.run("delete", "namespace", namespace, "--wait=false");
        }
    }

    private Program program(String secretName) {
        return stack -> {
            var ns = stack.lookup(Namespace.lookup(namespace).label("team", "payments"));
            var creds = stack.lookup(Secret.lookup("db-credentials").objectName(secretName)
                    .namespace(ns.output(KubernetesObject::name)));
            stack.add(ConfigMap.of("settings").namespace(ns.output(KubernetesObject::name))
                    .data("DB_SECRET", creds.output(SecretLookup.Info::id)));
            stack.add(Secret.of("app-db").namespace(ns.output(KubernetesObject::name))
                    .data("DB_PASSWORD", creds.output(found -> found.data().get("password"))));
            stack.export("password", creds.output(found -> found.data().get("password")));
        };
    }

    private StackEngine engine(Program program) {
        return Converge.engine(program).stack(stack).workDir(dir).providers(List.of(new KubernetesProvider()))
                .serviceLoader(false).environment(Map.of("CONVERGE_SECRETS_PASSPHRASE", "k8s-lookups"))
                .releaseLog(false).build();
    }

    @Test
    void aProgramUsesALookedUpNamespaceAndSecretWithoutShowingOrStoringThePassword() throws Exception {
        Program program = program("db-credentials");
        try (StackEngine engine = engine(program)) {
            Plan plan = engine.plan(PlanRequest.normal());
            Change.Read secret = (Change.Read) plan.change(Address.of("db-credentials")).orElseThrow();
            assertThat(secret.id()).isEqualTo(namespace + "/db-credentials");
            String text = new PlanRenderer(false).render(plan);
            assertThat(text).contains(" <= data \"k8s:Namespace\" \"" + namespace + "\" (labels.team = \"payments\", "
                    + "name = \"" + namespace + "\"): " + namespace)
                    .contains(" <= data \"k8s:Secret\" \"db-credentials\" (name = \"db-credentials\", namespace = \""
                            + namespace + "\"): " + namespace + "/db-credentials")
                    .contains("+ data = (sensitive)").doesNotContain(CANARY);
            assertThat(PlanJson.render(plan)).doesNotContain(CANARY).doesNotContain(base64(CANARY));

            ApplyResult applied = engine.apply(ApplyRequest.normal());
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
            assertThat(applied.outputs().get("password")).hasToString("(sensitive)");
            assertThat(engine.apply(ApplyRequest.normal()).status()).isEqualTo(ApplyResult.Status.NO_CHANGES);
        }
        assertThat(Kubectl.run("-n", namespace, "get", "configmap", "settings", "-o", "jsonpath={.data.DB_SECRET}"))
                .isEqualTo(namespace + "/db-credentials");
        String copied = Kubectl.run("-n", namespace, "get", "secret", "app-db", "-o", "jsonpath={.data.DB_PASSWORD}");
        assertThat(new String(Base64.getDecoder().decode(copied), StandardCharsets.UTF_8)).isEqualTo(CANARY);
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(CANARY).doesNotContain(base64(CANARY));
            }
        }

        try (StackEngine engine = engine(program)) {
            assertThat(engine.destroy(ApplyRequest.normal()).destroyed()).isEqualTo(2);
        }
        assertThat(Kubectl.run("-n", namespace, "get", "secret", "db-credentials", "-o", "name"))
                .as("the looked-up Secret is not Converge's").isEqualTo("secret/db-credentials");
    }

    @Test
    void aSecretThatIsNotThereStopsThePlanNamingTheLookupAndItsFilter() {
        try (StackEngine engine = engine(program("db-credentials-old"))) {
            assertThatThrownBy(() -> engine.apply(ApplyRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("db-credentials: lookup k8s:Secret (name = \"db-credentials-old\", "
                            + "namespace = \"" + namespace + "\") found no object");
        }
        assertThat(Kubectl.run("-n", namespace, "get", "configmaps", "-o", "name")).doesNotContain("settings");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
