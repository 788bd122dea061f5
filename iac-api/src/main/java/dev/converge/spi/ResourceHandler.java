package dev.converge.spi;

import java.util.List;
import java.util.Optional;

/**
 * The operations of one resource type, for providers that keep one handler per type and dispatch by
 * the request's type through {@link ResourceHandlers}. Each method has the contract of the
 * {@link Provider} operation of the same name. Implementations are thread-safe.
 */
public interface ResourceHandler {

    CreateResponse create(CreateRequest request);

    /** See {@link Provider#idempotentCreate}: whether a repeated create returns the object an earlier attempt made. */
    default boolean idempotentCreate() {
        return false;
    }

    /** Reads the object back; {@link ReadResponse#gone()} if it no longer exists. */
    ReadResponse read(ReadRequest request);

    /** Reads many objects of this type; override where the system has a list or batch call. */
    default ReadManyResponse readMany(ReadManyRequest request) {
        return ReadManyResponse.oneByOne(request, this::read);
    }

    UpdateResponse update(UpdateRequest request);

    /** Deletes the object; deleting an object that is already gone succeeds. */
    DeleteResponse delete(DeleteRequest request);

    /** Adopts an existing object by the system's natural id; {@link ImportResponse#notFound()} if none. */
    ImportResponse importResource(ImportRequest request);

    /**
     * The objects of this type that carry {@code stack}'s {@link Ownership} labels, or empty when the
     * system cannot search this type by them (the provider then reports {@code supported=false}).
     */
    default Optional<List<OwnedObject>> findOwned(String stack) {
        return Optional.empty();
    }
}
