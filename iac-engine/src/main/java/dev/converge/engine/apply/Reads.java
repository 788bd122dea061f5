package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.api.Timeouts;
import dev.converge.engine.plan.ReadCalls;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refresh reads with retries: a batch is read once; when it fails with a retryable error (one throttled
 * read fails a whole batch, and would fail it again on every retry), its objects are read one by one,
 * each retried inside the default timeout like any other provider call, under the same per-provider
 * concurrency limit. Thread-safe.
 */
public final class Reads implements ReadCalls {

    private final ProviderCalls calls;

    private Reads(ProviderCalls calls) {
        this.calls = calls;
    }

    /**
     * How refresh should read: with the retries, backoff and per-provider concurrency limits of apply,
     * reporting retries to {@code progress}. Holds no threads; nothing to close.
     */
    public static ReadCalls withRetries(Progress progress, int parallelism) {
        return new Reads(new ProviderCalls(progress, parallelism));
    }

    @Override
    public ReadManyResponse readMany(Provider provider, ReadManyRequest request) {
        if (request.resources().isEmpty()) {
            return provider.readMany(request);
        }
        Address first = request.resources().get(0).address();
        try {
            return calls.single(first, provider, () -> provider.readMany(request));
        } catch (ProviderException e) {
            if (!e.retryable()) {
                throw e;
            }
        }
        Map<Address, ReadResponse> results = new LinkedHashMap<>();
        for (ReadRequest one : request.resources()) {
            results.put(one.address(), calls.direct(one.address(), Progress.Operation.READ, provider,
                    Timeouts.DEFAULT, () -> provider.read(one)));
        }
        return new ReadManyResponse(results);
    }
}
