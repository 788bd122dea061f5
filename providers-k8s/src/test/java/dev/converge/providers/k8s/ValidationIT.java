package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.api.Ref;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Objects the real API server refuses (the mock stores anything): a bad label value, a container
 * without an image, a field a typed kind does not have. Through the command line: exit 1, the message
 * names the resource and carries the server's reason, and nothing else is created or changed (every
 * object of the stack keeps its resourceVersion; a resource that depends on the refused one is not made).
 */
class ValidationIT extends OnRealApiServer {

    /** Settings, the Deployment {@code web} (valid or not) and a Service that depends on it. */
    record Shop(Deployment web) implements Program {
        static final Deployment VALID = Deployment.of("web").image("converge/busybox:1").replicas(0L);

        @Override
        public void define(dev.converge.api.Stack stack) {
            stack.add(ConfigMap.of("settings").data("LOG_LEVEL", "info"));
            Ref<KubernetesObject> web = stack.add(this.web);
            stack.add(Service.of("web-svc").selector("app", web.output(KubernetesObject::name)).port(80, 8080));
        }
    }

    /** name -> resourceVersion of every object of the stack, of the kinds the program uses. */
    private Map<String, String> objects() {
        Map<String, String> versions = new TreeMap<>();
        List<HasMetadata> all = new ArrayList<>();
        String ns = server.namespace();
        all.addAll(server.admin().configMaps().inNamespace(ns).withLabel("converge.stack", server.stack()).list().getItems());
        all.addAll(server.admin().apps().deployments().inNamespace(ns).withLabel("converge.stack", server.stack()).list().getItems());
        all.addAll(server.admin().services().inNamespace(ns).withLabel("converge.stack", server.stack()).list().getItems());
        all.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
        return versions;
    }

    private CliRun refused(Deployment broken, String... serverSays) {
        CliRun refused = server.cli(new Shop(broken), dir, "apply", "--auto-approve");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).as(refused.all()).contains("web", "Deployment " + server.namespace() + "/web")
                .contains(serverSays).contains("0 changed, 0 destroyed");
        return refused;
    }

    private void refusedWithoutChange(Deployment broken, String... serverSays) {
        Map<String, String> before = objects();
        refused(broken, serverSays);
        assertThat(objects()).as("nothing else created or changed").isEqualTo(before);
    }

    /** The engine still finishes independent branches (the ConfigMap); the refused object's dependents wait. */
    @Test
    void aNewInvalidObjectIsRefusedAndWhatDependsOnItIsNotCreated() {
        refused(Shop.VALID.label("app", "not a label value!"), "metadata.labels", "Invalid value");
        assertThat(objects()).as("only the independent ConfigMap was made").containsOnlyKeys("ConfigMap/settings");
        CliRun plan = server.cli(new Shop(Shop.VALID), dir, "plan", "--detailed-exitcode");
        assertThat(plan.out()).as(plan.all()).contains("2 to add, 0 to change, 0 to destroy");
    }

    @Test
    void invalidChangesToAnExistingObjectAreRefusedAndLeaveEverythingAsItWas() {
        CliRun valid = server.cli(new Shop(Shop.VALID), dir, "apply", "--auto-approve");
        assertThat(valid.exitCode()).as(valid.all()).isZero();

        refusedWithoutChange(Shop.VALID.label("app", "not a label value!"), "metadata.labels", "Invalid value");
        refusedWithoutChange(Deployment.of("web").replicas(0L), "spec.template.spec.containers[0].image",
                "Required value");
        refusedWithoutChange(Shop.VALID.specField(3L, "replcas"), "unknown field", "spec.replcas");

        CliRun plan = server.cli(new Shop(Shop.VALID), dir, "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("the state still matches the cluster: " + plan.all()).isZero();
    }
}
