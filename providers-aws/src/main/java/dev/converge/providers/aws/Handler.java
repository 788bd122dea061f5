package dev.converge.providers.aws;

import dev.converge.api.Address;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandler;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The operations of one AWS resource type. Subclasses implement the calls to AWS; this base turns
 * observations into the SPI's read, import and find-owned responses. Thread-safe as long as
 * subclasses keep no mutable state (the SDK clients are thread-safe).
 */
abstract class Handler implements ResourceHandler {

    protected final AwsClients aws;
    private final ResourceSchema schema;

    Handler(AwsClients aws, ResourceSchema schema) {
        this.aws = aws;
        this.schema = schema;
    }

    final ResourceSchema schema() {
        return schema;
    }

    final String type() {
        return schema.type();
    }


    /**
     * Every property of the object as it is now (user tags only), or empty if it is gone.
     *
     * @param prior the prior inputs: a hint of which optional features to read, empty on import
     */
    abstract Optional<Map<String, Object>> observe(String id, Map<String, Object> prior);

    /** Deletes the object; returns false if it was already gone. */
    abstract boolean remove(String id, Map<String, Object> outputs);

    /** The canonical id of an object named by the user on import (a name, URL or ARN). */
    String canonicalId(String userId) {
        return userId;
    }

    /**
     * Ids of the objects of this type that may carry the stack's tags: all of them, or only those the
     * service can filter by tag; empty if the type has no tags.
     */
    List<String> listIds(String stack) {
        return List.of();
    }

    /** The tags of one object (ownership tags included). */
    Map<String, String> tagsOf(String id) {
        return Map.of();
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Map<String, Object> prior = request.priorInputs() == null ? Map.of() : request.priorInputs();
        return observe(request.id(), prior)
                .map(all -> ReadResponse.found(inputsOf(all, prior), outputsOf(all, prior)))
                .orElseGet(ReadResponse::gone);
    }

    /** Reads many objects, up to {@link #READ_PARALLELISM} at a time; the SDK clients are thread-safe. */
    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        return new ReadManyResponse(readAll(request.resources()));
    }

    /** How many reads of one readMany call run at once: enough to hide latency, few enough not to throttle. */
    static final int READ_PARALLELISM = 8;

    /** Reads each request, in parallel when there are several; the first failure is rethrown. */
    final Map<Address, ReadResponse> readAll(List<ReadRequest> requests) {
        Map<Address, ReadResponse> results = new LinkedHashMap<>();
        if (requests.size() <= 1) {
            requests.forEach(one -> results.put(one.address(), read(one)));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READ_PARALLELISM, requests.size()), task -> {
            Thread thread = new Thread(task, "converge-aws-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ReadResponse>> futures = new ArrayList<>();
            requests.forEach(one -> futures.add(pool.submit(() -> read(one))));
            for (int i = 0; i < requests.size(); i++) {
                results.put(requests.get(i).address(), futures.get(i).get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("reading " + type() + " objects failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + type() + " objects", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return new DeleteResponse(!remove(request.id(), request.outputs() == null ? Map.of() : request.outputs()));
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        String id = canonicalId(request.id());
        if (id == null) {
            return ImportResponse.notFound();
        }
        return observe(id, Map.of())
                .map(all -> new ImportResponse(true, id, inputsOf(all, Map.of()), outputsOf(all, Map.of())))
                .orElseGet(ImportResponse::notFound);
    }

    /** The objects of this type that carry the stack's ownership tags; empty if the type has no tags. */
    @Override
    public Optional<List<OwnedObject>> findOwned(String stack) {
        if (!taggable()) {
            return Optional.empty();
        }
        List<OwnedObject> owned = new ArrayList<>();
        for (String id : listIds(stack)) {
            String address = Props.ownedAddress(tagsOf(id), stack);
            if (address != null) {
                observe(id, Map.of()).ifPresent(all -> owned.add(new OwnedObject(Address.parse(address), type(), id,
                        inputsOf(all, Map.of()), outputsOf(all, Map.of()))));
            }
        }
        return Optional.of(owned);
    }

    /** Whether {@link #findOwned} can find objects of this type (the service has tags). */
    private boolean taggable() {
        return schema.property("tags") != null;
    }

    /** Properties that are not observable in AWS (such as forceDestroy) keep their prior value. */
    Map<String, Object> inputsOf(Map<String, Object> all, Map<String, Object> prior) {
        return Props.observedInputs(all, prior, schema.outputsOnly());
    }

    Map<String, Object> outputsOf(Map<String, Object> all, Map<String, Object> prior) {
        Map<String, Object> outputs = new LinkedHashMap<>(prior);
        outputs.putAll(all);
        return Values.normalizeMap(outputs);
    }

    /** The outputs after create or update: the applied inputs plus computed values. */
    static Map<String, Object> outputs(Map<String, Object> inputs, Map<String, Object> computed) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        computed.forEach((key, value) -> Props.putIfPresent(outputs, key, value));
        return Values.normalizeMap(outputs);
    }

    /** Names the object in messages: {@code aws:S3Bucket my-bucket}. */
    String what(String verb, String id) {
        return verb + " " + type() + " " + id;
    }
}
