package dev.converge.providers.k8s;

import dev.converge.spi.ProviderException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;

/**
 * Turns API errors into {@link ProviderException}s that name the object and what to do. HTTP 429 is
 * {@linkplain ProviderException#throttled throttled} (the engine lowers its concurrency), server errors and
 * broken or refused connections are retryable; both carry the wait the API server asked for
 * ({@code retryAfterSeconds} of its {@code Status}). The provider's client does not retry itself
 * ({@link KubernetesProvider}): the engine does, once.
 */
final class Errors {

    private static final String FIELD_CONFLICT = "FieldManagerConflict";

    private Errors() {
    }

    static boolean isConflict(RuntimeException e) {
        return e instanceof KubernetesClientException k && k.getCode() == 409;
    }

    static boolean isNotFound(RuntimeException e) {
        return e instanceof KubernetesClientException k && k.getCode() == 404;
    }

    static ProviderException alreadyExists(String action, ObjectRef ref) {
        return ProviderException.fatal("cannot " + action + " " + ref.describe() + ": " + existsHint(ref));
    }

    private static String existsHint(ObjectRef ref) {
        return "it already exists: adopt it with 'import ADDRESS " + ref.id(false) + "' or delete it";
    }

    static ProviderException wrap(String action, ObjectRef ref, RuntimeException e) {
        if (e instanceof ProviderException provider) {
            return provider;
        }
        int code = e instanceof KubernetesClientException k ? k.getCode() : 0; // -1 when there was no answer
        String what = "cannot " + action + " " + ref.describe() + ": ";
        Duration retryAfter = retryAfter(e);
        if (code == 429) {
            return ProviderException.throttled(what + e.getMessage() + " (HTTP 429: the API server is throttling;"
                    + " retrying)", retryAfter, e);
        }
        if (code >= 500 || code <= 0) { // no code (-1 or 0): a reset or refused connection
            return ProviderException.retryable(what + e.getMessage() + " (" + (code <= 0 ? "no answer" : "HTTP " + code)
                    + ": the API server is busy or unreachable; retrying)", e).withRetryAfter(retryAfter);
        }
        Status status = ((KubernetesClientException) e).getStatus();
        List<StatusCause> conflicts = causes(status).stream().filter(c -> FIELD_CONFLICT.equals(c.getReason())).toList();
        if (!conflicts.isEmpty()) {
            return ProviderException.fatal(what + fieldConflicts(conflicts), e);
        }
        String detail = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        String hint = switch (code) {
            case 401, 403 -> " (check the credentials and RBAC of the k8s.context in use)";
            case 404 -> " (the namespace or the kind may not exist; for custom kinds apply the CRD first,"
                    + " and set 'plural' if it is not the lower-case kind + s)";
            case 409 -> " (" + existsHint(ref) + ")";
            case 400, 422 -> " (the API server rejected the object as invalid; fix the declared fields)";
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

    /** Server-side apply conflicts: each field with the manager that owns it, and the two ways out. */
    private static String fieldConflicts(List<StatusCause> conflicts) {
        StringBuilder text = new StringBuilder("the server-side apply conflicts with other field managers:");
        for (StatusCause cause : conflicts) {
            text.append(' ').append(cause.getField()).append(" (").append(cause.getMessage()).append(");");
        }
        return text.append(" another tool or person changed these fields (out-of-band kubectl edits show as drift")
                .append(" in the plan); set k8s.forceConflicts=true to take them over, or stop declaring them")
                .toString();
    }

    private static List<StatusCause> causes(Status status) {
        return status == null || status.getDetails() == null || status.getDetails().getCauses() == null ? List.of()
                : status.getDetails().getCauses();
    }
}
