package dev.converge.operator.install;

import dev.converge.api.Config;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.operator.StackCrd;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.KubernetesObject;
import dev.converge.providers.k8s.Manifest;
import dev.converge.providers.k8s.ManifestLoader;
import dev.converge.providers.k8s.Namespace;
import dev.converge.providers.k8s.Role;
import dev.converge.providers.k8s.RoleBinding;
import dev.converge.providers.k8s.ServiceAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Installs the Converge operator, as a Converge program: the {@code Stack} CRD, the controller's service
 * account with its cluster role, its Deployment (two replicas, one leading), and in each namespace where
 * Stacks run, the {@code converge-runner} service account with a Role for the state and the kinds programs
 * usually manage. {@code apply} installs or upgrades it; {@code destroy} removes it.
 *
 * <p>Configuration (all optional): {@code operator.namespace} ({@code converge-system}), {@code operator.image}
 * ({@code converge/operator:0.1.0-SNAPSHOT}), {@code operator.imagePullPolicy} ({@code IfNotPresent}),
 * {@code operator.replicas} (2), {@code operator.maxConcurrentRuns} (4), {@code operator.workers} (4),
 * {@code operator.leaderLease} (15s), {@code operator.jobTtl} (10m), {@code operator.backoff} (10s),
 * {@code operator.backoffMax} (5m), {@code operator.runnerNamespaces} (comma-separated, {@code default}).
 */
public final class OperatorInstall implements Program {

    /** The operator image this version of Converge builds ({@code scripts/operator/build-images.sh}). */
    public static final String DEFAULT_IMAGE = "converge/operator:0.1.0-SNAPSHOT";
    /** The service account of the controller, and of the runs. */
    public static final String OPERATOR_ACCOUNT = "converge-operator";
    public static final String RUNNER_ACCOUNT = "converge-runner";

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        String namespace = config.get("operator.namespace", "converge-system");
        Ref<KubernetesObject> ns = stack.add(Namespace.of(namespace));
        Output<String> inNamespace = ns.output(KubernetesObject::name);
        Ref<KubernetesObject> crd = stack.add(crd());
        Ref<KubernetesObject> account = stack.add(ServiceAccount.of(OPERATOR_ACCOUNT).named("operator-account")
                .namespace(inNamespace));
        Ref<KubernetesObject> role = stack.add(Manifest.of("operator-cluster-role",
                OperatorObjects.clusterRole(OPERATOR_ACCOUNT)).clusterScoped());
        Ref<KubernetesObject> binding = stack.add(Manifest.of("operator-cluster-role-binding",
                OperatorObjects.clusterRoleBinding(OPERATOR_ACCOUNT, namespace)).clusterScoped().dependsOn(role));
        stack.add(Deployment.of("converge-operator").namespace(inNamespace)
                .spec(OperatorObjects.deploymentSpec(config, OPERATOR_ACCOUNT))
                .dependsOn(crd).dependsOn(account).dependsOn(binding));
        for (String runnerNamespace : runnerNamespaces(config)) {
            runner(stack, runnerNamespace);
        }
    }

    /** The service account runs use in {@code namespace}, with a Role for the state and common kinds. */
    private static void runner(Stack stack, String namespace) {
        String prefix = "runner-" + namespace + "-";
        Ref<KubernetesObject> account = stack.add(ServiceAccount.of(RUNNER_ACCOUNT)
                .named(prefix + "account").namespace(namespace));
        Role role = Role.of(RUNNER_ACCOUNT).named(prefix + "role").namespace(namespace);
        for (List<List<String>> rule : OperatorObjects.RUNNER_RULES) {
            role = role.rule(rule.get(0), rule.get(1), OperatorObjects.ALL_VERBS);
        }
        Ref<KubernetesObject> roleRef = stack.add(role);
        stack.add(RoleBinding.of(RUNNER_ACCOUNT).named(prefix + "binding").namespace(namespace)
                .role(roleRef.output(KubernetesObject::name)).serviceAccount(account.output(KubernetesObject::name),
                        namespace));
    }

    static List<String> runnerNamespaces(Config config) {
        return Arrays.stream(config.get("operator.runnerNamespaces", "default").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
    }

    /** The Stack CRD, from the schema this jar carries. */
    static Manifest crd() {
        try (InputStream in = OperatorInstall.class.getResourceAsStream(StackCrd.CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(StackCrd.CRD_RESOURCE + " is missing from the operator's jar");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return ManifestLoader.parse(yaml, StackCrd.CRD_RESOURCE).get(0).named("stack-crd").clusterScoped();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new OperatorInstall()).run(args));
    }
}
