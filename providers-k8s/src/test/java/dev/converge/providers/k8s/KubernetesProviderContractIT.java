package dev.converge.providers.k8s;

import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.Provider;
import dev.converge.testing.ProviderContract;
import dev.converge.testing.ProviderSample;
import dev.converge.testing.RequiredServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract against a real kube-apiserver, the one {@code KUBECONFIG} names (start one with
 * {@code eval "$(scripts/k8s/start-control-plane.sh)"}); skips without it, or fails under
 * CONVERGE_REQUIRE_SERVERS=1 ({@link RequiredServer}). The control plane has no node, so the samples are
 * objects that need no running pod.
 */
class KubernetesProviderContractIT extends ProviderContract {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1, before it connects. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    @Override
    protected Provider newProvider(String stack) {
        KubernetesProvider provider = new KubernetesProvider();
        provider.configure(new ConfigureRequest(stack, Map.of("k8s.namespace", "default", "k8s.pollMillis", "100"),
                Path.of("").toAbsolutePath()));
        return provider;
    }

    /** Never configured: every call that needs the API server fails. */
    @Override
    protected Provider detachedProvider() {
        return new KubernetesProvider();
    }

    @Override
    protected List<ProviderSample> samples() {
        String settings = unique("contract-settings");
        String credentials = unique("contract-credentials");
        String binding = unique("contract-binding");
        return List.of(
                ProviderSample.updatedInPlace("settings", "k8s:ConfigMap",
                        Map.of("name", settings, "labels", Map.of("role", "ledger"), "data", Map.of("LOG_LEVEL", "info")),
                        Map.of("name", settings, "labels", Map.of("role", "ledger"), "data", Map.of("LOG_LEVEL", "debug",
                                "FEATURE", "on"))),
                ProviderSample.updatedInPlace("credentials", "k8s:Secret",
                        Map.of("name", credentials, "data", Map.of("password", "s3cret")),
                        Map.of("name", credentials, "data", Map.of("password", "n3w-s3cret"))),
                ProviderSample.replaced("binding", "k8s:RoleBinding", roleBinding(binding, "reader"),
                        roleBinding(binding, "writer")));
    }

    private static Map<String, Object> roleBinding(String name, String role) {
        return Map.of("name", name,
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", role),
                "subjects", List.of(Map.of("kind", "ServiceAccount", "name", "default", "namespace", "default")));
    }
}
