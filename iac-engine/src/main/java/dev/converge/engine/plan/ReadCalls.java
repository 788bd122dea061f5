package dev.converge.engine.plan;

import dev.converge.spi.Provider;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;

/**
 * How refresh calls a provider's {@code readMany}: directly, or through the apply stage's retries and
 * concurrency limits ({@code Reads.withRetries}), which this stage may not use itself. Thread-safe.
 */
@FunctionalInterface
public interface ReadCalls {

    /** Reads the batch; throws the provider's failure when it cannot. */
    ReadManyResponse readMany(Provider provider, ReadManyRequest request);

    /** Each batch read once, failures as they come. */
    static ReadCalls direct() {
        return Provider::readMany;
    }
}
