package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory stand-in for a real provider: it keeps the real provider's own {@code schemas()},
 * {@code validate} and {@code diff} (pure code: which changes replace, which values are secret or
 * computed, which replacements must delete first) and keeps objects in memory instead of calling the
 * real system. Computed and output-only properties get deterministic placeholder values (see
 * {@link Placeholders}); set realistic ones with {@link #computing}. The real provider is never
 * configured, so it must be constructible without I/O. Thread-safe.
 *
 * <pre>{@code InMemoryCloud docker = InMemoryCloud.of(new DockerProvider());}</pre>
 */
public final class InMemoryCloud implements Provider {

    /** A function computing an output-only value of a new or updated object. */
    @FunctionalInterface
    public interface Computed {
        Object compute(Address address, String id, Map<String, Object> inputs);
    }

    private final Provider real;
    private final Map<String, CloudObject> objects = new ConcurrentHashMap<>();
    private final Map<Address, Integer> generations = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Computed>> computed;
    /** The clouds of the provider's named configurations (another region, another cluster), by name. */
    private final Map<String, InMemoryCloud> configurations = new ConcurrentHashMap<>();
    private final Map<String, CloudLookups.Existing> existing = new ConcurrentHashMap<>();

    private InMemoryCloud(Provider real, Map<String, Map<String, Computed>> computed) {
        this.real = Objects.requireNonNull(real, "real provider");
        this.computed = computed;
    }

    /** An empty in-memory cloud speaking for {@code realProvider} (which is only used for pure calls). */
    public static InMemoryCloud of(Provider realProvider) {
        return new InMemoryCloud(realProvider, new ConcurrentHashMap<>());
    }

    /**
     * The separate cloud of the named configuration {@code name} of this provider (a second region or
     * cluster, declared with {@code stack.provider(...)}): empty until a run uses it, then kept across runs
     * like this one. It computes outputs as this cloud does.
     */
    public InMemoryCloud configuration(String name) {
        return configurations.computeIfAbsent(name, key -> new InMemoryCloud(real, computed));
    }

    /** The named configurations' clouds that exist so far, by name. */
    public Map<String, InMemoryCloud> configurations() {
        return Map.copyOf(configurations);
    }

    /** The engine's instance for a named configuration: that configuration's own cloud. */
    @Override
    public Provider forConfiguration(String name) {
        return configuration(name);
    }

    /**
     * Computes an output-only property of a type with {@code function} instead of a placeholder, for
     * example {@code computing("docker:Container", "publishedPorts", (a, id, in) -> Map.of("80/tcp", 8080L))}.
     */
    public InMemoryCloud computing(String type, String property, Computed function) {
        computed.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(property, function);
        return this;
    }

    /**
     * Adds an object that Converge does not manage, for lookups to find, such as a VPC made by another team:
     * {@code existing("aws:Vpc", "vpc-0abc", Map.of("cidrBlock", "10.0.0.0/16", "tags", Map.of("Name", "main")))}.
     * A lookup of {@code type} matches it when each filter property equals the property of the same name (a map
     * filter, such as tags: when each of its entries is in the object's map). It is never changed or deleted,
     * and not among {@link #objects()}.
     */
    public InMemoryCloud existing(String type, String id, Map<String, Object> properties) {
        existing.put(id, new CloudLookups.Existing(type, id, Values.normalizeMap(properties)));
        return this;
    }

    @Override
    public Collection<ResourceSchema> lookupSchemas() {
        return real.lookupSchemas();
    }

    /** Finds the {@link #existing} objects, and the managed ones, of the lookup's type that its filter matches. */
    @Override
    public LookupResponse lookup(LookupRequest request) {
        if (real.lookupSchema(request.type()).isEmpty()) {
            throw ProviderException.fatal("provider '" + name() + "' has no lookup " + request.type());
        }
        List<CloudLookups.Existing> candidates = new ArrayList<>(existing.values());
        objects.values().forEach(object -> candidates.add(new CloudLookups.Existing(object.type(), object.id(),
                object.outputs())));
        return CloudLookups.find(candidates, request);
    }

    /** The provider whose schemas and diff this cloud uses. */
    public Provider realProvider() {
        return real;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return real.schemas();
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return real.validate(request);
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return real.diff(request);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        ResourceSchema schema = schemaOf(request.type(), request.address());
        int generation = generations.merge(request.address(), 1, Integer::sum);
        String id = Placeholders.id(request.type(), request.address(), generation);
        Map<String, Object> inputs = Values.normalizeMap(request.inputs());
        CloudObject object = new CloudObject(request.address(), request.type(), id, inputs,
                outputs(schema, request.address(), id, inputs, Map.of()), request.owner().labels());
        objects.put(id, object);
        return new CreateResponse(id, object.outputs());
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        CloudObject object = objects.get(request.id());
        return object == null ? ReadResponse.gone() : ReadResponse.found(object.inputs(), object.outputs());
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        CloudObject old = objects.get(request.id());
        if (old == null) {
            throw ProviderException.notFound(request.address() + ": object " + request.id()
                    + " no longer exists in the in-memory cloud; run refresh, then apply again");
        }
        Map<String, Object> inputs = Values.normalizeMap(request.desiredInputs());
        CloudObject updated = old.with(inputs, outputs(schemaOf(old.type(), old.address()), old.address(), old.id(),
                inputs, old.outputs()));
        objects.put(old.id(), updated);
        return new UpdateResponse(updated.outputs());
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return new DeleteResponse(objects.remove(request.id()) == null);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        CloudObject object = objects.get(request.id());
        return object == null ? ImportResponse.notFound()
                : new ImportResponse(true, object.id(), object.inputs(), object.outputs());
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        List<OwnedObject> owned = new ArrayList<>();
        for (CloudObject object : objects.values()) {
            if (request.stack().equals(object.labels().get(Ownership.STACK_LABEL))
                    && (request.types().isEmpty() || request.types().contains(object.type()))) {
                owned.add(new OwnedObject(object.address(), object.type(), object.id(), object.inputs(),
                        object.outputs()));
            }
        }
        return new FindOwnedResponse(owned, true);
    }

    /** Every object, by address (sorted); with more than one object at an address, the newest. */
    public Map<Address, CloudObject> objects() {
        Map<Address, CloudObject> byAddress = new TreeMap<>();
        objects.values().stream().sorted(java.util.Comparator.comparing(CloudObject::id))
                .forEach(object -> byAddress.merge(object.address(), object,
                        (a, b) -> generationOf(a) >= generationOf(b) ? a : b));
        return byAddress;
    }

    /** How many objects exist (duplicates at one address count separately). */
    public int size() {
        return objects.size();
    }

    /** Changes a property of the object at {@code address} behind Converge's back (drift). */
    public void driftProperty(Address address, String property, Object value) {
        CloudObject object = required(address);
        Map<String, Object> inputs = new HashMap<>(object.inputs());
        Map<String, Object> outputs = new HashMap<>(object.outputs());
        inputs.put(property, Values.normalize(value));
        outputs.put(property, Values.normalize(value));
        objects.put(object.id(), object.with(inputs, outputs));
    }

    /** Deletes the object at {@code address} behind Converge's back. */
    public void deleteOutOfBand(Address address) {
        objects.remove(required(address).id());
    }

    /** Empties the cloud. */
    public void clear() {
        objects.clear();
    }

    private CloudObject required(Address address) {
        CloudObject object = objects().get(address);
        if (object == null) {
            throw new IllegalArgumentException("no object at " + address + " in the in-memory " + name() + " cloud");
        }
        return object;
    }

    private static int generationOf(CloudObject object) {
        int dash = object.id().lastIndexOf('#');
        return dash < 0 ? 1 : Integer.parseInt(object.id().substring(dash + 1));
    }

    private ResourceSchema schemaOf(String type, Address address) {
        return real.schema(type).orElseThrow(() -> ProviderException.fatal(address + ": provider '" + name()
                + "' has no type " + type));
    }

    private Map<String, Object> outputs(ResourceSchema schema, Address address, String id, Map<String, Object> inputs,
            Map<String, Object> previous) {
        Map<String, Computed> custom = computed.getOrDefault(schema.type(), Map.of());
        Map<String, Object> outputs = Placeholders.outputs(schema, address, id, inputs, previous);
        custom.forEach((property, function) -> {
            if (!inputs.containsKey(property)) {
                outputs.put(property, Values.normalize(function.compute(address, id, inputs)));
            }
        });
        return Values.normalizeMap(outputs);
    }
}
