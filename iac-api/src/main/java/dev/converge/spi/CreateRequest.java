package dev.converge.spi;

import dev.converge.api.Address;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Create one object and wait until it is ready.
 *
 * <p>The engine may send the same create again when an attempt failed with a retryable error: a throttled
 * call, a server error, a connection reset after the request went out (the backend may have made the object
 * and only the answer was lost). Every attempt of one create carries the same {@code idempotencyToken}, and
 * {@code attempt} counts from 1. A provider whose {@link Provider#idempotentCreate} says so must then return
 * the object an earlier attempt made instead of making a second one: by passing the token to an API that
 * has one (EC2 {@code ClientToken}, Route 53 {@code CallerReference}), or, for objects named by the user,
 * by adopting an object of that name that carries this create's ownership labels (or, on a later attempt,
 * none yet) when the API answers "already exists".
 *
 * @param inputs fully resolved inputs, schema defaults applied
 * @param owner labels to attach so the object can be found again
 * @param timeout how long the provider may wait for readiness
 * @param attempt which attempt of this create this is, from 1
 * @param idempotencyToken the same for every attempt of one create, different for every create; at most 64
 *     characters of {@code [A-Za-z0-9-]}
 */
public record CreateRequest(Address address, String type, Map<String, Object> inputs, Ownership owner,
        Duration timeout, int attempt, String idempotencyToken) {

    public CreateRequest {
        Objects.requireNonNull(idempotencyToken, "idempotencyToken");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
    }

    /** A first attempt with a fresh idempotency token. */
    public CreateRequest(Address address, String type, Map<String, Object> inputs, Ownership owner,
            Duration timeout) {
        this(address, type, inputs, owner, timeout, 1, UUID.randomUUID().toString());
    }

    /** The same create, as attempt {@code next}: the same token. */
    public CreateRequest withAttempt(int next) {
        return new CreateRequest(address, type, inputs, owner, timeout, next, idempotencyToken);
    }

    /** Whether an earlier attempt of this create may have made the object already (its answer was lost). */
    public boolean retried() {
        return attempt > 1;
    }
}
