package dev.converge.providers.k8s;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider operations that call the API server: create, read, update with optimistic
 * concurrency, delete, import, each followed by a readiness wait where one applies. Thread-safe.
 */
final class Operations {

    static final int MAX_CONFLICT_RETRIES = 5;

    private final Cluster cluster;
    private final Settings settings;
    private final RolloutFailure failure;

    Operations(Cluster cluster, Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
        this.failure = new RolloutFailure(cluster);
    }

    /** Finds an existing Namespace or Secret for a lookup; see {@link KubernetesLookups}. */
    dev.converge.spi.LookupResponse lookup(dev.converge.spi.LookupRequest request) {
        return new KubernetesLookups(cluster, settings).lookup(request);
    }

    /** The object an existing resource's id names. */
    ObjectRef refOf(TypeSpec spec, String id) {
        return ObjectRef.parse(spec.kind(), id, settings.namespace());
    }

    private Map<String, Object> desired(TypeSpec spec, Map<String, Object> inputs, ObjectRef ref, Address address) {
        String namespace = ref.namespace() != null ? ref.namespace() : settings.namespace();
        return Manifests.declared(Manifests.desired(spec, inputs, namespace), new Ownership(settings.stack(), address));
    }

    CreateResponse create(CreateRequest request) {
        TypeSpec spec = Kinds.require(request.type());
        ObjectRef ref = Manifests.refOf(spec, request.inputs(), settings.namespace());
        Map<String, Object> object = Manifests.declared(Manifests.desired(spec, request.inputs(), settings.namespace()),
                request.owner());
        Map<String, Object> live;
        try {
            live = settings.serverSideApply() ? createServerSide(ref, object) : cluster.create(ref, object);
        } catch (RuntimeException e) {
            throw Errors.wrap("create", ref, e);
        }
        live = waitReady(request.type(), ref, live, request.timeout());
        return new CreateResponse(ref.id(spec.isManifest()), Manifests.outputs(spec, live, request.inputs()));
    }

    ReadResponse read(ReadRequest request) {
        TypeSpec spec = Kinds.require(request.type());
        ObjectRef ref = refOf(spec, request.id());
        Optional<Map<String, Object>> live;
        try {
            live = cluster.get(ref);
        } catch (RuntimeException e) {
            throw Errors.wrap("read", ref, e);
        }
        return live.map(object -> found(spec, object, request.priorInputs())).orElseGet(ReadResponse::gone);
    }

    ReadResponse found(TypeSpec spec, Map<String, Object> live, Map<String, Object> priorInputs) {
        Map<String, Object> observed = Manifests.observe(spec, live, priorInputs, settings.owners());
        return ReadResponse.found(observed, Manifests.outputs(spec, live, observed));
    }

    /**
     * Re-reads the object, merges the desired fields into it and writes it with the read
     * resourceVersion; on a 409 conflict (someone wrote in between) it starts over, so others' changes
     * to fields Converge does not manage survive.
     */
    UpdateResponse update(UpdateRequest request) {
        TypeSpec spec = Kinds.require(request.type());
        ObjectRef ref = refOf(spec, request.id());
        Map<String, Object> desired = desired(spec, request.desiredInputs(), ref, request.address());
        Map<String, Object> previous = desired(spec, request.priorInputs(), ref, request.address());
        Map<String, Object> live = settings.serverSideApply() ? applyServerSide(ref, desired)
                : updateWithRetry(ref, desired, previous);
        live = waitReady(request.type(), ref, live, request.timeout());
        return new UpdateResponse(Manifests.outputs(spec, live, request.desiredInputs()));
    }

    /**
     * An apply patch creates the object, or silently takes over one that already exists: check first, so
     * that a create never adopts someone else's object (that is what {@code import} is for).
     */
    private Map<String, Object> createServerSide(ObjectRef ref, Map<String, Object> object) {
        if (cluster.get(ref).isPresent()) {
            throw Errors.alreadyExists("create", ref);
        }
        return cluster.apply(ref, object, Settings.FIELD_MANAGER, settings.forceConflicts());
    }

    /** Applies the declared fields but those another manager owns: they stay theirs (no conflict). */
    private Map<String, Object> applyServerSide(ObjectRef ref, Map<String, Object> desired) {
        try {
            Map<String, Object> live = ownUpdatesMovedToApply(ref, requireLive(ref));
            Map<String, Object> patch = Manifests.forApply(live, desired, settings.owners());
            return cluster.apply(ref, patch, Settings.FIELD_MANAGER, settings.forceConflicts());
        } catch (RuntimeException e) {
            throw Errors.wrap("server-side apply", ref, e);
        }
    }

    /** The object after moving the fields Converge's plain updates own to its Apply entry (see ManagedFields). */
    private Map<String, Object> ownUpdatesMovedToApply(ObjectRef ref, Map<String, Object> live) {
        Optional<List<Object>> moved = ManagedFields.updatesMovedToApply(live, Settings.FIELD_MANAGER);
        if (moved.isEmpty()) {
            return live;
        }
        Map<String, Object> upgraded = Trees.copyMap(live);
        Trees.put(upgraded, List.of("metadata", "managedFields"), moved.get());
        return cluster.update(ref, upgraded);
    }

    private Map<String, Object> requireLive(ObjectRef ref) {
        return cluster.get(ref).orElseThrow(() -> ProviderException.notFound(ref.describe()
                + " was deleted outside Converge; run 'refresh' and apply again to recreate it"));
    }

    Map<String, Object> updateWithRetry(ObjectRef ref, Map<String, Object> desired, Map<String, Object> previous) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
            try {
                Map<String, Object> live = requireLive(ref);
                return cluster.update(ref, Manifests.forUpdate(live, desired, previous, settings.owners()));
            } catch (RuntimeException e) {
                if (!Errors.isConflict(e)) {
                    throw Errors.wrap("update", ref, e);
                }
                last = e;
            }
        }
        throw ProviderException.retryable("cannot update " + ref.describe() + ": it kept changing under us ("
                + MAX_CONFLICT_RETRIES + " resourceVersion conflicts in a row); another controller may be fighting"
                + " over the same fields", last);
    }

    DeleteResponse delete(DeleteRequest request) {
        TypeSpec spec = Kinds.require(request.type());
        ObjectRef ref = refOf(spec, request.id());
        boolean deleted;
        try {
            deleted = cluster.delete(ref);
            awaitGone(ref, request.timeout());
        } catch (RuntimeException e) {
            throw Errors.wrap("delete", ref, e);
        }
        return new DeleteResponse(!deleted);
    }

    /** Deletion is asynchronous on real clusters (finalizers); a replacement must not race it. */
    private void awaitGone(ObjectRef ref, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (cluster.get(ref).isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                throw ProviderException.retryable(ref.describe() + " is still terminating after " + timeout
                        + "; check its finalizers with 'kubectl get -o yaml'");
            }
            sleep();
        }
    }

    ImportResponse importResource(ImportRequest request) {
        TypeSpec spec = Kinds.require(request.type());
        ObjectRef ref;
        try {
            ref = refOf(spec, request.id());
        } catch (IllegalArgumentException e) {
            throw ProviderException.fatal("cannot import " + request.address() + ": " + e.getMessage());
        }
        Optional<Map<String, Object>> live;
        try {
            live = cluster.get(ref);
        } catch (RuntimeException e) {
            throw Errors.wrap("import", ref, e);
        }
        if (live.isEmpty()) {
            return ImportResponse.notFound();
        }
        // Only the ownership labels and annotations are written: that never restarts pods.
        Map<String, Object> marks = Manifests.stamped(new LinkedHashMap<>(), request.owner());
        Map<String, Object> adopted = updateWithRetry(ref, marks, Map.of());
        Map<String, Object> inputs = spec.isManifest()
                ? Values.normalizeMap(Map.of("manifest", Manifests.clean(adopted)))
                : Manifests.observe(spec, adopted, Map.of(), settings.owners());
        return new ImportResponse(true, ref.id(spec.isManifest()), inputs, Manifests.outputs(spec, adopted, inputs));
    }

    /**
     * Polls until a Deployment or StatefulSet is ready; fails naming what is missing and why its pods are not
     * ready at the deadline, or at once when the Deployment's own progress deadline has passed.
     */
    Map<String, Object> waitReady(String type, ObjectRef ref, Map<String, Object> written, Duration timeout) {
        if (!Readiness.applies(ref.kind())) {
            return written;
        }
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> live = written;
        while (true) {
            Optional<String> problem = Readiness.problem(ref.kind(), live);
            if (problem.isEmpty()) {
                return live;
            }
            boolean stalled = RolloutFailure.deadlinePassed(live);
            if (stalled || Instant.now().isAfter(deadline)) {
                throw notReady(type + " " + ref.id(false), ref, live, problem.get(), stalled, timeout);
            }
            sleep();
            live = cluster.get(ref).orElseThrow(() -> ProviderException.notFound(ref.describe()
                    + " disappeared while waiting for it to become ready"));
        }
    }

    private ProviderException notReady(String what, ObjectRef ref, Map<String, Object> live, String problem,
            boolean stalled, Duration timeout) {
        String when = stalled ? "failed to roll out within its progressDeadlineSeconds" : "is not ready after " + timeout;
        return ProviderException.fatal(what + " " + when + ": " + problem + failure.podReasons(ref, live)
                + ". Check 'kubectl describe " + ref.kind().kind().toLowerCase(java.util.Locale.ROOT) + " " + ref.name()
                + "' and the pods' events, or raise " + (stalled ? "its progressDeadlineSeconds" : "the resource's timeout"));
    }

    private void sleep() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable("interrupted while waiting for the API server", e);
        }
    }
}
