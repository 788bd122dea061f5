package dev.converge.spi;

/**
 * The lookup of one lookup type, for providers that dispatch by type through {@link ResourceHandlers}.
 * Has the contract of {@link Provider#lookup}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface LookupHandler {

    LookupResponse lookup(LookupRequest request);
}
