package dev.converge.providers.k8s;

import dev.converge.spi.ProviderException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns API errors into {@link ProviderException}s that name the object and what to do. */
final class Errors {

    private Errors() {
    }

    static boolean isConflict(RuntimeException e) {
        return e instanceof KubernetesClientException k && k.getCode() == 409;
    }

    static boolean isNotFound(RuntimeException e) {
        return e instanceof KubernetesClientException k && k.getCode() == 404;
    }

    static ProviderException wrap(String action, ObjectRef ref, RuntimeException e) {
        if (e instanceof ProviderException provider) {
            return provider;
        }
        int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
        String detail = e.getMessage();
        String what = "cannot " + action + " " + ref.describe() + ": ";
        if (code == 429 || code >= 500 || code == 0) {
            return ProviderException.retryable(what + detail + " (the API server is busy or unreachable; retrying)", e);
        }
        String hint = switch (code) {
            case 401, 403 -> " (check the credentials and RBAC of the k8s.context in use)";
            case 404 -> " (the namespace or the kind may not exist; for custom kinds apply the CRD first,"
                    + " and set 'plural' if it is not the lower-case kind + s)";
            case 409 -> " (it already exists: adopt it with 'import ADDRESS " + ref.id(false) + "' or delete it)";
            case 422 -> " (the API server rejected the object as invalid; fix the declared fields)";
            default -> "";
        };
        return ProviderException.fatal(what + detail + hint, e);
    }
}
