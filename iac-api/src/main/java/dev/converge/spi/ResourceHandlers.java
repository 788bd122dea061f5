package dev.converge.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's handlers by resource type: the dispatch of a provider that keeps one
 * {@link ResourceHandler} per type. Immutable and thread-safe.
 */
public final class ResourceHandlers {

    private final String provider;
    private final Map<String, ResourceHandler> byType;

    private final Map<String, LookupHandler> lookups;

    private ResourceHandlers(String provider, Map<String, ? extends ResourceHandler> byType,
            Map<String, ? extends LookupHandler> lookups) {
        this.provider = provider;
        this.byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        this.lookups = Collections.unmodifiableMap(new LinkedHashMap<>(lookups));
    }

    /**
     * The handlers of {@code provider} (its name, for messages), in the order given, which is the order
     * {@link #findOwned} searches them in.
     */
    public static ResourceHandlers of(String provider, Map<String, ? extends ResourceHandler> byType) {
        return new ResourceHandlers(provider, byType, Map.of());
    }

    /** These handlers plus {@code lookups}, the lookup of each lookup type. */
    public ResourceHandlers withLookups(Map<String, ? extends LookupHandler> byLookupType) {
        return new ResourceHandlers(provider, byType, byLookupType);
    }

    /** Dispatches a lookup by its type; a fatal {@link ProviderException} naming the known lookups if none. */
    public LookupResponse lookup(LookupRequest request) {
        LookupHandler handler = lookups.get(request.type());
        if (handler == null) {
            throw ProviderException.fatal("the " + provider + " provider has no lookup " + request.type()
                    + "; it has " + (lookups.isEmpty() ? "none" : String.join(", ", lookups.keySet())));
        }
        return handler.lookup(request);
    }

    /** The handler of {@code type}; a fatal {@link ProviderException} naming the known types if there is none. */
    public ResourceHandler forType(String type) {
        ResourceHandler handler = byType.get(type);
        if (handler == null) {
            throw ProviderException.fatal("the " + provider + " provider has no resource type " + type + "; it has "
                    + String.join(", ", byType.keySet()));
        }
        return handler;
    }

    /** {@link Provider#idempotentCreate} for {@code type}: false for a type without a handler. */
    public boolean idempotentCreate(String type) {
        ResourceHandler handler = byType.get(type);
        return handler != null && handler.idempotentCreate();
    }

    /**
     * The owned objects of the requested types (every type when the request names none);
     * {@code supported} only when every requested type is known and can be searched.
     */
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        Collection<String> types = request.types().isEmpty() ? byType.keySet()
                : byType.keySet().stream().filter(request.types()::contains).toList();
        boolean supported = byType.keySet().containsAll(request.types());
        List<OwnedObject> found = new ArrayList<>();
        for (String type : types) {
            Optional<List<OwnedObject>> owned = byType.get(type).findOwned(request.stack());
            owned.ifPresent(found::addAll);
            supported &= owned.isPresent();
        }
        return new FindOwnedResponse(found, supported);
    }
}
