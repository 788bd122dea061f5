package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.api.ResourceOptions;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.plan.InputResolver;
import dev.converge.engine.plan.Providers;
import dev.converge.engine.state.DeposedKey;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The provider calls for one resource, each bracketed by a durable journal intent and its outcome so
 * that a crash at any point leaves a state that loads and a rerun that converges. Thread-safe.
 */
final class ResourceOperations {

    private final Providers providers;
    private final StateSession session;
    private final ProviderCalls calls;
    private final Progress progress;
    private final String stack;

    ResourceOperations(Providers providers, StateSession session, ProviderCalls calls, Progress progress, String stack) {
        this.providers = providers;
        this.session = session;
        this.calls = calls;
        this.progress = progress;
        this.stack = stack;
    }

    ResourceState create(DeclaredResource resource, Map<String, Object> inputs) {
        return create(resource, inputs, null);
    }

    /**
     * Creates the object; {@code replacing} is the id of the object a create-before-delete replaces in the same
     * provider configuration, or null.
     */
    private ResourceState create(DeclaredResource resource, Map<String, Object> inputs, String replacing) {
        Address address = resource.address();
        Provider provider = providers.require(resource.type(), resource.configuration());
        ResourceOptions options = resource.declaration().options();
        long intent = session.begin(address, JournalOperation.CREATE, resource.type(), null, resource.configuration());
        long start = System.nanoTime();
        progress.started(address, Progress.Operation.CREATE);
        try {
            CreateRequest request = new CreateRequest(address, resource.type(), Values.revealMap(inputs),
                    new Ownership(stack, address), options.timeouts().create(), 1, UUID.randomUUID().toString());
            int[] answered = new int[1];
            CreateResponse response = calls.invoke(address, Progress.Operation.CREATE, provider,
                    options.timeouts().create(), attempt -> {
                        answered[0] = attempt;
                        return createAttempt(provider, request.withAttempt(attempt), resource.configuration());
                    });
            if (answered[0] > 1 && response.id().equals(replacing)) {
                // A retried create adopts what an earlier attempt made, found by name or ownership labels, which
                // the object being replaced carries too: it is not a new one, and deleting the deposed entry
                // would delete the live object. A first attempt adopts nothing, so the same id from it is a
                // new object that shares its id (a Docker image built to the same content under a new tag).
                throw ProviderException.fatal(address + ": the replacement would be the object it replaces ("
                        + replacing + "); this type cannot be replaced create-before-delete under the same name:"
                        + " use deleteBeforeReplace() or give the new object another name");
            }
            ResourceState created = new ResourceState(address, resource.type(), response.id(), inputs,
                    InputResolver.markSecrets(response.outputs(), inputs, schema(resource.type())),
                    resource.dependencies(), options, null, resource.configuration());
            session.recordUpsert(intent, created);
            progress.finished(address, Progress.Operation.CREATE, elapsed(start), response.id(), null);
            return created;
        } catch (ProviderException e) {
            if (!Recovery.adoptAfterFailedCreate(session, provider, stack, intent, resource)) {
                session.recordFailed(intent, e.getMessage());
            }
            progress.finished(address, Progress.Operation.CREATE, elapsed(start), null, e.getMessage());
            throw e;
        }
    }

    /**
     * One attempt of a create. A retry must not make a second object when an earlier attempt made one and
     * only its answer was lost: a provider with idempotent creates gets the same request again (same token,
     * next attempt number); for any other, the object a failed attempt made is looked up by its ownership
     * labels first and adopted.
     */
    private CreateResponse createAttempt(Provider provider, CreateRequest request, String configuration) {
        if (!request.retried() || provider.idempotentCreate(request.type())) {
            return provider.create(request);
        }
        return Recovery.madeByEarlierAttempt(session, provider, stack, request.address(), request.type(),
                        configuration)
                .map(earlier -> finishAdopted(provider, request, earlier))
                .orElseGet(() -> provider.create(request));
    }

    /**
     * An object an earlier attempt made may be half done (its create failed after making it, before setting
     * everything up): what differs from the declared inputs is updated in place, within this attempt.
     */
    private static CreateResponse finishAdopted(Provider provider, CreateRequest request, OwnedObject earlier) {
        Map<String, Object> observed = Values.normalizeMap(earlier.inputs());
        List<PropertyDiff> diffs = provider.diff(new DiffRequest(request.address(), request.type(), earlier.id(),
                observed, earlier.outputs(), request.inputs())).diffs().stream()
                .filter(diff -> !diff.forcesReplacement()).toList();
        if (diffs.isEmpty()) {
            return new CreateResponse(earlier.id(), earlier.outputs());
        }
        UpdateResponse updated = provider.update(new UpdateRequest(request.address(), request.type(), earlier.id(),
                observed, earlier.outputs(), request.inputs(), diffs, request.timeout()));
        return new CreateResponse(earlier.id(), updated.outputs());
    }

    ResourceState update(DeclaredResource resource, ResourceState prior, Map<String, Object> inputs,
            List<PropertyDiff> diffs) {
        Address address = resource.address();
        Provider provider = providers.require(prior);
        ResourceOptions options = resource.declaration().options();
        long intent = session.begin(address, JournalOperation.UPDATE, resource.type(), prior.id(),
                prior.configuration());
        long start = System.nanoTime();
        progress.started(address, Progress.Operation.UPDATE);
        try {
            UpdateResponse response = calls.invoke(address, Progress.Operation.UPDATE, provider,
                    options.timeouts().update(), attempt -> provider.update(new UpdateRequest(address, resource.type(),
                            prior.id(), Values.revealMap(prior.inputs()), Values.revealMap(prior.outputs()),
                            Values.revealMap(inputs), diffs, options.timeouts().update())));
            ResourceState updated = new ResourceState(address, resource.type(), prior.id(), inputs,
                    InputResolver.markSecrets(response.outputs(), inputs, schema(resource.type())),
                    resource.dependencies(), options, null, prior.configuration());
            session.recordUpsert(intent, updated);
            progress.finished(address, Progress.Operation.UPDATE, elapsed(start), prior.id(), null);
            return updated;
        } catch (ProviderException e) {
            session.recordFailed(intent, e.getMessage());
            progress.finished(address, Progress.Operation.UPDATE, elapsed(start), null, e.getMessage());
            throw e;
        }
    }

    /**
     * Replaces the object. Create-before-delete records the old object as deposed (its own state
     * entry) before creating, and returns it for deletion after dependents moved on; delete-before-
     * create deletes first and returns null.
     */
    Replaced replace(DeclaredResource resource, ResourceState prior, Map<String, Object> inputs,
            ReplacementOrder order) {
        if (order == ReplacementOrder.DELETE_BEFORE_CREATE) {
            delete(prior);
            return new Replaced(create(resource, inputs), null);
        }
        ResourceState deposed = prior.deposedAs(DeposedKey.random(prior.address()));
        long intent = session.begin(deposed.address(), JournalOperation.DEPOSE, prior.type(), prior.id());
        session.recordUpsert(intent, deposed);
        ResourceState created;
        try {
            // The same id under another provider configuration (another region, account or cluster) names
            // another object: only within one configuration can the new object be the one it replaces.
            created = create(resource, inputs,
                    prior.configuration().equals(resource.configuration()) ? prior.id() : null);
        } catch (ProviderException e) {
            ResourceState now = session.state().resource(resource.address());
            if (now != null && now.id().equals(prior.id()) && now.configuration().equals(prior.configuration())) {
                // Nothing new was adopted: the old object is still the live one, so it is not deposed.
                long undo = session.begin(deposed.address(), JournalOperation.UNDEPOSE, prior.type(), prior.id());
                session.recordRemoved(undo, deposed.address());
            }
            throw e;
        }
        return new Replaced(created, deposed);
    }

    /** The new object, and the old one still to delete (null if it was deleted first). */
    record Replaced(ResourceState created, ResourceState deposed) {
    }

    void delete(ResourceState resource) {
        Address address = resource.address();
        long start = System.nanoTime();
        if (resource.options().retainOnDelete()) {
            long intent = session.begin(address, JournalOperation.FORGET, resource.type(), resource.id());
            session.recordRemoved(intent, address);
            progress.finished(address, Progress.Operation.FORGET, elapsed(start), resource.id(), null);
            return;
        }
        Provider provider = providers.require(resource);
        long intent = session.begin(address, JournalOperation.DELETE, resource.type(), resource.id(),
                resource.configuration());
        progress.started(address, Progress.Operation.DELETE);
        try {
            calls.invoke(address, Progress.Operation.DELETE, provider, resource.options().timeouts().delete(),
                    attempt -> provider.delete(new DeleteRequest(address, resource.type(), resource.id(),
                            Values.revealMap(resource.inputs()), Values.revealMap(resource.outputs()),
                            resource.options().timeouts().delete())));
            session.recordRemoved(intent, address);
            progress.finished(address, Progress.Operation.DELETE, elapsed(start), null, null);
        } catch (ProviderException e) {
            session.recordFailed(intent, e.getMessage());
            progress.finished(address, Progress.Operation.DELETE, elapsed(start), null, e.getMessage());
            throw e;
        }
    }

    /** The provider's diff of real values, with the resource's options applied. */
    DiffResponse diff(DeclaredResource resource, ResourceState prior, Map<String, Object> inputs) {
        Provider provider = providers.require(prior);
        return provider.diff(new DiffRequest(resource.address(), resource.type(), prior.id(),
                Values.revealMap(prior.inputs()), Values.revealMap(prior.outputs()), Values.revealMap(inputs)));
    }

    ResourceSchema schema(String type) {
        return providers.schema(type).orElse(null);
    }

    private static java.time.Duration elapsed(long start) {
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }
}
