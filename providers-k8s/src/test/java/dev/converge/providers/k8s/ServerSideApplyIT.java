package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply ({@code k8s.serverSideApply=true}) against the real API server's field ownership,
 * which {@code ServerSideApplyTest} (the mock answers apply patches only through an expectation) could
 * not check: the objects are owned by the Apply manager {@code converge}; a second apply is a no-op; a
 * field a controller owns is left out of the patch (neither conflict nor overwritten); a field an
 * out-of-band {@code kubectl edit} took is drift, and repairing it is a conflict naming the field and the
 * manager unless {@code k8s.forceConflicts=true}; a field no longer declared is removed; an existing
 * object is not silently adopted by a create.
 */
class ServerSideApplyIT extends OnRealApiServer {

    @BeforeEach
    void start() {
        config(false);
        CliRun first = server.cli(new KubectlDriftIT.Shop("info"), dir, "apply", "--auto-approve");
        assertThat(first.exitCode()).as(first.all()).isZero();
    }

    private void config(boolean force) {
        server.writeStackConfig(dir, Map.of("k8s.serverSideApply", "true",
                "k8s.forceConflicts", Boolean.toString(force)));
    }

    private CliRun run(String logLevel, String... args) {
        return server.cli(new KubectlDriftIT.Shop(logLevel), dir, args);
    }

    private io.fabric8.kubernetes.api.model.ConfigMap settings() {
        return server.admin().configMaps().inNamespace(server.namespace()).withName("settings").get();
    }

    @Test
    void objectsAreOwnedByTheApplyManagerConvergeAndASecondApplyIsANoOp() {
        assertThat(settings().getMetadata().getManagedFields()).filteredOn(m -> m.getManager().equals("converge"))
                .extracting(ManagedFieldsEntry::getOperation).containsExactly("Apply");
        CliRun plan = run("info", "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
    }

    @Test
    void aFieldAControllerOwnsIsLeftOutOfThePatchAndKeepsItsValue() {
        server.admin().genericKubernetesResources("v1", "ConfigMap").inNamespace(server.namespace())
                .resource(KubectlDriftIT.partial("v1", "ConfigMap", "settings", Map.of("data", Map.of("MODE", "slow"))))
                .fieldManager("tuning-operator").forceConflicts().serverSideApply();
        assertThat(run("info", "plan", "--detailed-exitcode").exitCode()).isZero();

        CliRun change = run("debug", "apply", "--auto-approve");
        assertThat(change.exitCode()).as(change.all()).isZero();
        assertThat(settings().getData()).containsEntry("LOG_LEVEL", "debug").containsEntry("MODE", "slow");
        assertThat(settings().getMetadata().getManagedFields()).filteredOn(m -> m.getManager().equals("tuning-operator"))
                .as("the operator still owns MODE").hasSize(1);
    }

    @Test
    void repairingAKubectlEditIsAConflictNamingTheFieldAndTheManagerUnlessForced() {
        server.kubectlEdit("configmap/settings", "LOG_LEVEL:.info", "LOG_LEVEL: trace");
        CliRun refused = run("info", "apply", "--auto-approve");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.all()).contains("settings", "ConfigMap " + server.namespace() + "/settings",
                ".data.LOG_LEVEL", "kubectl-edit", "k8s.forceConflicts=true");
        assertThat(settings().getData()).containsEntry("LOG_LEVEL", "trace");

        config(true);
        CliRun forced = run("info", "apply", "--auto-approve");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(settings().getData()).containsEntry("LOG_LEVEL", "info");
        assertThat(run("info", "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void aFieldNoLongerDeclaredIsRemovedByTheServer() {
        CliRun change = server.cli(stack -> stack.add(ConfigMap.of("settings").data("LOG_LEVEL", "info")
                .label("app", "shop")), dir, "apply", "--auto-approve");
        assertThat(change.exitCode()).as(change.all()).isZero();
        assertThat(settings().getData()).containsOnlyKeys("LOG_LEVEL");
    }

    /**
     * A stack that switches to server-side apply: objects written before by plain updates (field manager
     * {@code converge}, operation Update) get their dropped fields removed by the next apply too.
     */
    @Test
    void aStackSwitchedFromUpdatesToServerSideApplyStillRemovesDroppedFields() {
        server.writeStackConfig(dir, Map.of());
        CliRun created = server.cli(stack -> stack.add(ConfigMap.of("switched").data("A", "1").data("B", "2")), dir,
                "apply", "--auto-approve");
        assertThat(created.exitCode()).as(created.all()).isZero();
        config(false);
        CliRun dropped = server.cli(stack -> stack.add(ConfigMap.of("switched").data("A", "1")), dir,
                "apply", "--auto-approve");
        assertThat(dropped.exitCode()).as(dropped.all()).isZero();
        assertThat(server.admin().configMaps().inNamespace(server.namespace()).withName("switched").get().getData())
                .containsOnlyKeys("A");
    }

    @Test
    void aCreateDoesNotAdoptAnObjectThatAlreadyExists() {
        server.admin().configMaps().inNamespace(server.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("legacy").endMetadata().addToData("OWNER", "someone-else").build()).create();
        CliRun refused = server.cli(stack -> stack.add(ConfigMap.of("legacy").data("OWNER", "converge")), dir,
                "apply", "--auto-approve");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.all()).contains("legacy", "already exists", "import");
        assertThat(server.admin().configMaps().inNamespace(server.namespace()).withName("legacy").get().getData())
                .containsEntry("OWNER", "someone-else");
    }
}
