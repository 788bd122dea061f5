package dev.converge.providers.local;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import java.util.List;
import java.util.Optional;

/** The operations on the real host for one {@code local:} type. Implementations are thread-safe. */
interface ResourceHandler {

    CreateResponse create(CreateRequest request);

    ReadResponse read(ReadRequest request);

    UpdateResponse update(UpdateRequest request);

    DeleteResponse delete(DeleteRequest request);

    ImportResponse importResource(ImportRequest request);

    /** The objects of this type owned by {@code stack}; empty when this type cannot be searched. */
    default Optional<List<OwnedObject>> findOwned(String stack) {
        return Optional.empty();
    }
}
