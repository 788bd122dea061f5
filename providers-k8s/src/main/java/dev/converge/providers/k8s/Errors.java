package dev.converge.providers.k8s;

import dev.converge.spi.ProviderException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * Turns API errors into {@link ProviderException}s that name the object and what to do. HTTP 429 is
 * {@linkplain ProviderException#throttled throttled} (the engine lowers its concurrency), server errors and
 * broken or refused connections are retryable; both carry the wait the API server asked for
 * ({@code retryAfterSeconds} of its {@code Status}). The provider's client does not retry itself
 * ({@link KubernetesProvider}): the engine does, once.
 */
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
        int code = e instanceof KubernetesClientException k ? k.getCode() : 0; // -1 when there was no answer
        String detail = e.getMessage();
        String what = "cannot " + action + " " + ref.describe() + ": ";
        Duration retryAfter = retryAfter(e);
        if (code == 429) {
            return ProviderException.throttled(what + detail + " (HTTP 429: the API server is throttling; retrying)",
                    retryAfter, e);
        }
        if (code >= 500 || code <= 0) { // no code (-1 or 0): a reset or refused connection
            return ProviderException.retryable(what + detail + " (" + (code <= 0 ? "no answer" : "HTTP " + code)
                    + ": the API server is busy or unreachable; retrying)", e).withRetryAfter(retryAfter);
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

    /** The wait the API server asked for, or null. */
    private static Duration retryAfter(RuntimeException e) {
        Status status = e instanceof KubernetesClientException k ? k.getStatus() : null;
        Integer seconds = status == null || status.getDetails() == null ? null
                : status.getDetails().getRetryAfterSeconds();
        return seconds == null || seconds <= 0 ? null : Duration.ofSeconds(seconds);
    }
}
