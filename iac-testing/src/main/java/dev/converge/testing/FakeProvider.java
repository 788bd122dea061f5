package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Provider;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider for tests: a fake cloud of objects, every call recorded, faults injected by
 * rules, optional latency per call. Thread-safe.
 *
 * <p>Its default type {@code fake:Thing} has properties {@code value} (string), {@code size} (number),
 * {@code tags} (map), {@code ref} (any), {@code key} (string, forces replacement), {@code password}
 * (sensitive) and the computed output {@code arn}. Register more schemas with {@link #withSchema}.
 *
 * <p>{@code fake:Thing} is also a lookup type with the same properties and {@code arn} as filter (a filter property matches
 * the object's property of that name, a map filter each of its entries); a lookup finds the objects in the
 * fake cloud, those put there with {@link #putOutOfBand} included. Register more with {@link #withLookup}.
 */
public final class FakeProvider implements Provider {

    /** The default test type. */
    public static final String THING = "fake:Thing";

    /** One object in the fake cloud. */
    public record FakeObject(String id, String type, Address address, Map<String, Object> inputs,
            Map<String, String> labels) {
    }

    /** One recorded call. */
    public record Call(Operation operation, Address address, String id, long startNanos, long endNanos) {
    }

    private final String name;
    private final Map<String, ResourceSchema> schemas = new LinkedHashMap<>();
    private final Map<String, ResourceSchema> lookups = new LinkedHashMap<>();
    private final Map<String, FakeObject> cloud = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Faults faults;
    /** The fakes of named configurations (stack.provider(...)), by name: separate clouds and calls, shared faults. */
    private final Map<String, FakeProvider> configurations = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile Map<String, String> settings = Map.of();

    private FakeProvider(String name, Faults faults) {
        this.name = name;
        this.faults = faults;
    }

    /** A provider named {@code fake} with the type {@code fake:Thing}. */
    public static FakeProvider create() {
        return named("fake").withSchema(thingSchema(THING)).withLookup(thingLookupSchema(THING));
    }

    /** A provider with another name and no schemas yet. */
    public static FakeProvider named(String name) {
        return new FakeProvider(name, new Faults());
    }

    /** The schema of {@code fake:Thing}, under another type name. */
    public static ResourceSchema thingSchema(String type) {
        return ResourceSchema.builder(type)
                .property(PropertySchema.string("value"))
                .property(PropertySchema.number("size"))
                .property(PropertySchema.map("tags"))
                .property(PropertySchema.any("ref"))
                .property(PropertySchema.string("key").asForceNew())
                .property(PropertySchema.string("password").asSensitive())
                .output("arn")
                .build();
    }

    /**
     * The fake of the named configuration {@code name} (declared with {@code stack.provider(...)}): its own
     * cloud, ids and recorded calls, the same schemas, lookup types, latency and fault rules. Created on first use.
     */
    public FakeProvider configuration(String name) {
        return configurations.computeIfAbsent(name, key -> {
            FakeProvider sibling = new FakeProvider(this.name, faults);
            schemas.values().forEach(sibling::withSchema);
            lookups.values().forEach(sibling::withLookup);
            return sibling.withLatency(latency);
        });
    }

    /** The engine's instance for a named configuration: {@link #configuration(String)}. */
    @Override
    public Provider forConfiguration(String name) {
        return configuration(name);
    }

    /** The lookup schema of {@code fake:Thing}: its properties and its {@code arn} as filter. */
    public static ResourceSchema thingLookupSchema(String type) {
        ResourceSchema.Builder schema = ResourceSchema.builder(type);
        thingSchema(type).properties().values().forEach(schema::property);
        return schema.property(PropertySchema.string("arn")).build();
    }

    public FakeProvider withSchema(ResourceSchema schema) {
        schemas.put(schema.type(), schema);
        return this;
    }

    /** Adds a lookup type; lookups of it find the fake cloud's objects of the same type. */
    public FakeProvider withLookup(ResourceSchema schema) {
        lookups.put(schema.type(), schema);
        return this;
    }

    @Override
    public Collection<ResourceSchema> lookupSchemas() {
        return lookups.values();
    }

    /** The objects of the lookup's type that its filter matches; recorded (and failed by rules) as {@code LOOKUP}. */
    @Override
    public LookupResponse lookup(LookupRequest request) {
        long start = begin(Operation.LOOKUP, request.address());
        faults.before(Operation.LOOKUP, request.address());
        List<CloudLookups.Existing> candidates = new ArrayList<>();
        cloud.values().forEach(object -> candidates.add(new CloudLookups.Existing(object.type(), object.id(),
                outputsOf(object))));
        LookupResponse response = CloudLookups.find(candidates, request);
        end(Operation.LOOKUP, request.address(), null, start);
        return response;
    }

    /** Every call sleeps this long first, to model a real API's latency. */
    public FakeProvider withLatency(Duration perCall) {
        latency = perCall;
        return this;
    }

    /** The fault rules; add rules to make calls fail. */
    public Faults faults() {
        return faults;
    }

    @Override
    public String name() {
        return name;
    }

    /** Records the settings the engine configured this fake with; see {@link #settings()}. */
    @Override
    public void configure(dev.converge.spi.ConfigureRequest request) {
        settings = request.settings();
    }

    /** The settings of the last {@link #configure} (the stack's {@code <name>.*} keys, and a configuration's own). */
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return schemas.values();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        long start = begin(Operation.CREATE, request.address());
        String id = request.type().substring(request.type().indexOf(':') + 1).toLowerCase(java.util.Locale.ROOT)
                + "-" + ids.incrementAndGet();
        faults.before(Operation.CREATE, request.address());
        FakeObject object = new FakeObject(id, request.type(), request.address(), Values.normalizeMap(request.inputs()),
                request.owner().labels());
        cloud.put(id, object);
        faults.after(Operation.CREATE, request.address());
        end(Operation.CREATE, request.address(), id, start);
        return new CreateResponse(id, outputsOf(object));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        long start = begin(Operation.READ, request.address());
        faults.before(Operation.READ, request.address());
        FakeObject object = cloud.get(request.id());
        end(Operation.READ, request.address(), request.id(), start);
        return object == null ? ReadResponse.gone() : ReadResponse.found(object.inputs(), outputsOf(object));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        long start = begin(Operation.UPDATE, request.address());
        faults.before(Operation.UPDATE, request.address());
        FakeObject old = cloud.get(request.id());
        if (old == null) {
            throw ProviderException.notFound(request.address() + ": object " + request.id()
                    + " does not exist");
        }
        FakeObject updated = new FakeObject(old.id(), old.type(), old.address(), Values.normalizeMap(request.desiredInputs()),
                old.labels());
        cloud.put(old.id(), updated);
        faults.after(Operation.UPDATE, request.address());
        end(Operation.UPDATE, request.address(), old.id(), start);
        return new UpdateResponse(outputsOf(updated));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        long start = begin(Operation.DELETE, request.address());
        faults.before(Operation.DELETE, request.address());
        FakeObject removed = cloud.remove(request.id());
        faults.after(Operation.DELETE, request.address());
        end(Operation.DELETE, request.address(), request.id(), start);
        return new DeleteResponse(removed == null);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        FakeObject object = cloud.get(request.id());
        return object == null ? ImportResponse.notFound()
                : new ImportResponse(true, object.id(), object.inputs(), outputsOf(object));
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        List<OwnedObject> owned = new ArrayList<>();
        for (FakeObject object : cloud.values()) {
            if (request.stack().equals(object.labels().get(dev.converge.spi.Ownership.STACK_LABEL))
                    && (request.types().isEmpty() || request.types().contains(object.type()))) {
                owned.add(new OwnedObject(object.address(), object.type(), object.id(), object.inputs(), outputsOf(object)));
            }
        }
        return new FindOwnedResponse(owned, true);
    }

    /** The objects in the fake cloud, by id. */
    public Map<String, FakeObject> cloud() {
        return Map.copyOf(cloud);
    }

    /** The objects of one stack at one address (more than one means a duplicate). */
    public List<FakeObject> objectsAt(Address address) {
        return cloud.values().stream().filter(o -> o.address().equals(address)).toList();
    }

    /** Puts an object in the cloud as if made outside Converge (for import and drift tests). */
    public void putOutOfBand(FakeObject object) {
        cloud.put(object.id(), object);
    }

    /** Removes an object behind Converge's back (for drift tests). */
    public void deleteOutOfBand(String id) {
        cloud.remove(id);
    }

    /** Every call so far, in the order they finished. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(Operation operation) {
        return calls.stream().filter(call -> call.operation() == operation).count();
    }

    public void clearCalls() {
        calls.clear();
    }

    private Map<String, Object> outputsOf(FakeObject object) {
        Map<String, Object> outputs = new LinkedHashMap<>(object.inputs());
        outputs.put("arn", "arn:fake:" + object.type() + ":" + object.id());
        return outputs;
    }

    private long begin(Operation operation, Address address) {
        long start = System.nanoTime();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderException.fatal("interrupted");
            }
        }
        return start;
    }

    private void end(Operation operation, Address address, String id, long start) {
        calls.add(new Call(operation, address, id, start, System.nanoTime()));
    }
}
