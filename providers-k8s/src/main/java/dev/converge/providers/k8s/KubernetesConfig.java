package dev.converge.providers.k8s;

import dev.converge.api.ProviderArgs;
import dev.converge.api.ProviderConfig;

/**
 * A named configuration of the {@code k8s} provider: another cluster (a kubeconfig context or an API server
 * URL) or another default namespace in the same stack. Declare it with {@code stack.provider(...)} and choose
 * it per resource or component:
 *
 * <pre>{@code
 * ProviderRef staging = stack.provider(KubernetesConfig.named("staging").context("staging-cluster"));
 * Scope apps = stack.component("staging", staging);   // every k8s resource added here goes there
 * }</pre>
 *
 * Its settings are laid over the stack's {@code k8s.*} settings. Immutable: every setter returns a new value.
 */
public final class KubernetesConfig extends ProviderArgs<KubernetesConfig> {

    private KubernetesConfig(ProviderConfig config) {
        super(config);
    }

    /** A configuration named {@code name} (letters, digits, {@code _}, {@code -}), unique among the stack's k8s ones. */
    public static KubernetesConfig named(String name) {
        return new KubernetesConfig(ProviderConfig.of(Kinds.PROVIDER, name));
    }

    @Override
    protected KubernetesConfig wrap(ProviderConfig next) {
        return new KubernetesConfig(next);
    }

    /** The kubeconfig context to connect with ({@code k8s.context}). */
    public KubernetesConfig context(String context) {
        return with("context", context);
    }

    /** The API server's URL ({@code k8s.masterUrl}), overriding the kubeconfig's. */
    public KubernetesConfig masterUrl(String url) {
        return with("masterUrl", url);
    }

    /** Where namespaced objects that name no namespace go ({@code k8s.namespace}). */
    public KubernetesConfig namespace(String namespace) {
        return with("namespace", namespace);
    }

    /** Whether to trust the server's certificate without checking it ({@code k8s.trustCerts}). */
    public KubernetesConfig trustCerts(boolean trust) {
        return with("trustCerts", trust);
    }

    /** Whether to write with server-side apply ({@code k8s.serverSideApply}). */
    public KubernetesConfig serverSideApply(boolean enabled) {
        return with("serverSideApply", enabled);
    }
}
