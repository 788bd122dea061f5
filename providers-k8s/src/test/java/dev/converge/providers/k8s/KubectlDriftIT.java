package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes made out of band with the real {@code kubectl} binary ({@code edit}, {@code scale},
 * {@code label}, {@code delete}) show as drift in the plan and the next apply repairs them; a field
 * another field manager (a controller, here through server-side apply as an autoscaler would) owns is
 * neither drift nor overwritten. On a real API server every such write is recorded in managedFields
 * under its manager ({@code kubectl-edit}, {@code kubectl-label}, {@code kubectl} for scale), which the
 * mock server never did: this covers the managedFields path {@code WorkloadTest} injected by hand.
 */
class KubectlDriftIT extends OnRealApiServer {

    /** A ConfigMap, a Deployment (no replicas: runs without a node) and a Service. */
    record Shop(String logLevel) implements Program {
        @Override
        public void define(dev.converge.api.Stack stack) {
            stack.add(ConfigMap.of("settings").data("LOG_LEVEL", logLevel).data("MODE", "fast").label("app", "shop"));
            stack.add(Deployment.of("web").image("converge/busybox:1").replicas(0L).port(8080).label("tier", "web"));
            stack.add(Service.of("web-svc").selector("app", "web").port(80, 8080));
        }
    }

    @BeforeEach
    void start() {
        assertThat(run("apply", "--auto-approve").out()).contains("3 added");
    }

    private CliRun run(String... args) {
        return run(new Shop("info"), args);
    }

    private CliRun run(Program program, String... args) {
        CliRun run = server.cli(program, dir, args);
        assertThat(run.exitCode()).as(run.all()).isIn(0, 2);
        return run;
    }

    /** The plan shows drift (exit 2), apply repairs it, and the plan after is clean. */
    private String driftIsShownThenRepaired() {
        CliRun drift = run("plan", "--detailed-exitcode");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(2);
        CliRun repair = run("apply", "--auto-approve");
        assertThat(repair.exitCode()).as(repair.all()).isZero();
        CliRun clean = run("plan", "--detailed-exitcode");
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        return drift.out();
    }

    private Map<String, String> settingsData() {
        return server.admin().configMaps().inNamespace(server.namespace()).withName("settings").get().getData();
    }

    private GenericKubernetesResource web() {
        return server.admin().genericKubernetesResources("apps/v1", "Deployment").inNamespace(server.namespace())
                .withName("web").get();
    }

    @Test
    void kubectlEditIsDriftAndRepaired() {
        server.kubectlEdit("configmap/settings", "LOG_LEVEL:.info", "LOG_LEVEL: trace");
        server.kubectlEdit("deployment/web", "converge/busybox:1", "attacker/busybox:6");
        String plan = driftIsShownThenRepaired();
        assertThat(plan).contains("# settings has changed", "~ data.LOG_LEVEL = \"trace\" -> \"info\"",
                "# web has changed", "attacker/busybox:6");
        assertThat(settingsData()).containsEntry("LOG_LEVEL", "info");
        assertThat((Object) web().get("spec", "template", "spec", "containers", 0, "image"))
                .isEqualTo("converge/busybox:1");
    }

    @Test
    void kubectlScaleIsDriftAndRepaired() {
        server.kubectl("scale", "deployment/web", "--replicas=2");
        assertThat(driftIsShownThenRepaired()).contains("~ spec.replicas = 0 -> 2", "~ spec.replicas = 2 -> 0");
        assertThat((Object) web().get("spec", "replicas")).isEqualTo(0);
    }

    @Test
    void kubectlLabelOfADeclaredLabelIsDriftAndOthersLabelsStay() {
        server.kubectl("label", "configmap/settings", "app=hacked", "--overwrite");
        server.kubectl("label", "configmap/settings", "team=payments");
        assertThat(driftIsShownThenRepaired()).contains("labels.app = \"hacked\" -> \"shop\"")
                .doesNotContain("team");
        assertThat(server.admin().configMaps().inNamespace(server.namespace()).withName("settings").get()
                .getMetadata().getLabels()).containsEntry("app", "shop").containsEntry("team", "payments");
    }

    @Test
    void kubectlDeleteIsDriftAndTheObjectIsRecreated() {
        String before = server.admin().services().inNamespace(server.namespace()).withName("web-svc").get()
                .getMetadata().getUid();
        server.kubectl("delete", "service/web-svc");
        assertThat(driftIsShownThenRepaired()).contains("# web-svc has been deleted", "# web-svc will be created");
        assertThat(server.admin().services().inNamespace(server.namespace()).withName("web-svc").get()
                .getMetadata().getUid()).isNotEqualTo(before);
    }

    /**
     * An autoscaler-like controller takes {@code spec.replicas} and a ConfigMap key with server-side apply
     * under its own field manager: the plan is clean, and an apply that changes another key keeps its values.
     */
    @Test
    void fieldsAnotherManagerOwnsAreNeitherDriftNorOverwritten() {
        String ns = server.namespace();
        server.admin().genericKubernetesResources("apps/v1", "Deployment").inNamespace(ns).resource(partial(
                "apps/v1", "Deployment", "web", Map.of("spec", Map.of("replicas", 2))))
                .fieldManager("autoscaler").forceConflicts().serverSideApply();
        server.admin().genericKubernetesResources("v1", "ConfigMap").inNamespace(ns).resource(partial(
                "v1", "ConfigMap", "settings", Map.of("data", Map.of("MODE", "slow"))))
                .fieldManager("tuning-operator").forceConflicts().serverSideApply();

        CliRun plan = run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        CliRun change = run(new Shop("debug"), "apply", "--auto-approve");
        assertThat(change.out()).as(change.all()).contains("1 changed").contains("LOG_LEVEL");
        assertThat(settingsData()).containsEntry("LOG_LEVEL", "debug").containsEntry("MODE", "slow");
        assertThat((Object) web().get("spec", "replicas")).isEqualTo(2);
        assertThat(run(new Shop("debug"), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    static GenericKubernetesResource partial(String apiVersion, String kind, String name, Map<String, Object> body) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(apiVersion);
        object.setKind(kind);
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        body.forEach(object::setAdditionalProperty);
        return object;
    }

    static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> items) {
        return items.stream().map(item -> item.getMetadata().getName()).toList();
    }
}
