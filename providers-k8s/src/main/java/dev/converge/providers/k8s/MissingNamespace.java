package dev.converge.providers.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The state backend's namespace must exist: a real API server answers a create in a missing namespace with
 * 404 (the mock server accepted any namespace). Secrets and Leases always exist as kinds, so a 404 on
 * creating one can only mean that; it is reported with the fix instead of as a bare "Not Found".
 */
final class MissingNamespace {

    private MissingNamespace() {
    }

    /** {@code e} explained when it is a 404 on a create in {@code namespace}; {@code e} itself otherwise. */
    static RuntimeException explain(KubernetesClientException e, String namespace, String server) {
        if (e.getCode() != 404) {
            return e;
        }
        return new IllegalStateException("the namespace " + namespace + " for Converge's state does not exist on "
                + server + ": create it with 'kubectl create namespace " + namespace + "' (the state backend needs"
                + " to get, list, create, update and delete Secrets and Leases there)", e);
    }
}
