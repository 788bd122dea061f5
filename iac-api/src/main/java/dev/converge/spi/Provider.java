package dev.converge.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A plugin that manages the resource types of one system (local host, Docker, Kubernetes, AWS).
 *
 * <p>One request record and one response record per operation, so that adding a field never breaks a
 * provider. Providers are found with {@link java.util.ServiceLoader} (they need a public no-argument
 * constructor) or registered explicitly.
 *
 * <p>Contract for every operation:
 * <ul>
 *   <li>Maps given to a provider are plain: secrets are revealed, numbers are {@code Long} or
 *       {@code Double}. Only {@link ValidateRequest} and the desired inputs of {@link DiffRequest} may
 *       hold {@link dev.converge.api.Unknown} values.</li>
 *   <li>{@code create} and {@code update} return only when the object is ready, or fail with the
 *       reason once the request's timeout has passed.</li>
 *   <li>Failures are {@link ProviderException}s made by its factories: {@code retryable} for those
 *       worth trying again, {@code notFound} for an object that is gone, {@code fatal} for the rest.</li>
 *   <li>Objects a provider creates carry the {@link Ownership} labels or tags where the system
 *       allows, so that {@code findOwned} can find them after a crash.</li>
 *   <li>The engine calls operations on many threads at once; implementations must be thread-safe.</li>
 * </ul>
 * Schema and diff logic is pure (no I/O) so the test kit can reuse it for an in-memory cloud. A provider
 * with one set of operations per type keeps a {@link ResourceHandler} per type in {@link ResourceHandlers}
 * and dispatches each request by its type.
 */
public interface Provider extends AutoCloseable {

    /** The prefix of this provider's resource types, such as {@code docker} in {@code docker:Container}. */
    String name();

    /** The resource types this provider manages. */
    Collection<ResourceSchema> schemas();

    /** The schema of one type, or empty if this provider does not know it. */
    default Optional<ResourceSchema> schema(String type) {
        return schemas().stream().filter(schema -> schema.type().equals(type)).findFirst();
    }

    /** Called once before any other operation of a run, with the stack's provider settings. */
    default void configure(ConfigureRequest request) {
    }

    /**
     * A new, unconfigured instance of this provider for the named configuration {@code configuration} of a
     * stack ({@code stack.provider(...)}); the engine calls it on the instance it was given or found, once
     * per configuration and run, then {@link #configure} with that configuration's settings, and closes it
     * at the end. The default makes one with the public no-argument constructor, as {@link
     * java.util.ServiceLoader} does; a provider built around something else (a client, a fake cloud)
     * overrides it.
     *
     * @throws ProviderException if this provider cannot have more than one configuration
     */
    default Provider forConfiguration(String configuration) {
        try {
            return getClass().getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw ProviderException.fatal("provider '" + name() + "' (" + getClass().getName()
                    + ") cannot make an instance for the configuration '" + configuration + "': it has no public"
                    + " no-argument constructor and does not override Provider.forConfiguration", e);
        }
    }

    /** Checks declared inputs without touching the real system; the default checks the schema. */
    default ValidateResponse validate(ValidateRequest request) {
        return schema(request.type())
                .map(schema -> new ValidateResponse(SchemaChecks.validate(schema, request.address(), request.inputs())))
                .orElseGet(() -> ValidateResponse.of(dev.converge.api.Diagnostic.error(request.address().toString(),
                        "unknown resource type " + request.type(),
                        "provider '" + name() + "' has no such type")));
    }

    /**
     * Whether a create of {@code type} may simply be sent again after an attempt failed with a retryable
     * error: a repeated {@link CreateRequest} (a later {@code attempt}, the same {@code idempotencyToken})
     * returns the object an earlier attempt made instead of making a second one. When false (the default),
     * the engine first looks for such an object with {@link #findOwned} before each retry, which lists every
     * object of the type: correct, but a call per object on some backends.
     */
    default boolean idempotentCreate(String type) {
        return false;
    }

    /** Compares prior and desired inputs; pure. The default compares per schema. */
    default DiffResponse diff(DiffRequest request) {
        ResourceSchema schema = schema(request.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown resource type " + request.type()));
        return SchemaDiff.diff(schema, request.priorInputs(), request.desiredInputs());
    }

    CreateResponse create(CreateRequest request);

    /** Reads the object back; {@link ReadResponse#gone()} if it no longer exists. */
    ReadResponse read(ReadRequest request);

    /** Reads many objects of one type; override where the system has a list or batch call. */
    default ReadManyResponse readMany(ReadManyRequest request) {
        return ReadManyResponse.oneByOne(request, this::read);
    }

    UpdateResponse update(UpdateRequest request);

    /** Deletes the object; deleting an object that is already gone succeeds. */
    DeleteResponse delete(DeleteRequest request);

    /** Adopts an existing object by the system's natural id. */
    default ImportResponse importResource(ImportRequest request) {
        throw ProviderException.fatal("provider '" + name() + "' cannot import " + request.type());
    }

    /**
     * The lookup types (data sources) this provider answers: each schema's properties are the filter a
     * program may set, its {@code output}s what a match returns, and a property marked sensitive is kept
     * secret wherever the match's value goes. Lookup types have their own name space: {@code aws:Vpc} may
     * be both a resource type and a lookup type. Pure.
     */
    default Collection<ResourceSchema> lookupSchemas() {
        return List.of();
    }

    /** The schema of one lookup type, or empty if this provider has no such lookup. */
    default Optional<ResourceSchema> lookupSchema(String type) {
        return lookupSchemas().stream().filter(schema -> schema.type().equals(type)).findFirst();
    }

    /**
     * Finds the objects a lookup's filter matches, without changing anything: none, one or many (the engine
     * reports anything but one as the lookup's error). Failures as for every operation.
     */
    default LookupResponse lookup(LookupRequest request) {
        throw ProviderException.fatal("provider '" + name() + "' has no lookup " + request.type());
    }

    /** Finds the objects that carry this stack's ownership labels; for crash recovery. */
    default FindOwnedResponse findOwned(FindOwnedRequest request) {
        return new FindOwnedResponse(List.of(), false);
    }

    /**
     * Optional capabilities beyond the core operations (for example a traffic router for deployment
     * strategies), looked up by interface so that new capabilities never change this interface.
     */
    default <T> Optional<T> extension(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    default void close() {
    }

    /** Helper for providers: the names of the schemas, for messages. */
    static List<String> typeNames(Collection<ResourceSchema> schemas) {
        List<String> names = new ArrayList<>();
        schemas.forEach(schema -> names.add(schema.type()));
        return names;
    }
}
