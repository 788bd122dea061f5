package dev.converge.reliability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
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
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaDiff;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A test-only provider whose "cloud" survives a crash of the engine: each object is one JSON file
 * {@code <id>.json} in a directory, written atomically, carrying the ownership labels. Type
 * {@code cloud:Box} has {@code value}, {@code ref}, {@code ref2} (any), {@code key} (forces a
 * create-before-delete replacement), {@code slot} (forces a delete-before-create replacement: two
 * boxes may not share a slot) and {@code password} (sensitive); output {@code arn}.
 *
 * <p>Latency is spent half before and half after the change, like an API whose answer is still on
 * its way when the change is made. A {@link CrashSwitch} can halt the JVM right after a change reached the cloud and before the
 * call returns, the window where the engine cannot know the outcome. Thread-safe.
 */
final class DurableCloud implements Provider {

    static final String NAME = "cloud";
    static final String BOX = "cloud:Box";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One object as stored in the cloud directory. */
    record StoredObject(String id, String type, String address, Map<String, String> labels,
            Map<String, Object> inputs) {
    }

    private final Path dir;
    private final Duration latency;
    private final CrashSwitch crash;
    /** Latency of a read (refresh), which changes nothing: a window in which a run can be paused safely. */
    private Duration readLatency = Duration.ZERO;
    private WireLikeFaults faults = WireLikeFaults.NONE;
    private final ResourceSchema schema = ResourceSchema.builder(BOX)
            .property(PropertySchema.string("value"))
            .property(PropertySchema.any("ref"))
            .property(PropertySchema.any("ref2"))
            .property(PropertySchema.string("key").asForceNew())
            .property(PropertySchema.string("slot").asForceNew())
            .property(PropertySchema.string("password").asSensitive())
            .output("arn")
            .build();

    DurableCloud(Path dir, Duration latency, CrashSwitch crash) {
        this.dir = dir;
        this.latency = latency;
        this.crash = crash;
    }

    /** This cloud, with reads that take {@code latency}; returns this. */
    DurableCloud withReadLatency(Duration newLatency) {
        readLatency = newLatency;
        return this;
    }

    /** This cloud, failing changes as {@code injected} says; returns this. */
    DurableCloud withFaults(WireLikeFaults injected) {
        faults = injected;
        return this;
    }

    /** A cloud without latency that never crashes (for reruns and checks in the test JVM). */
    static DurableCloud in(Path dir) {
        return new DurableCloud(dir, Duration.ZERO, CrashSwitch.never());
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The cloud of a named configuration (another region): a directory of its own below this one, with the
     * same latency and crash switch, so that a crash can strike inside a call of any configuration.
     */
    @Override
    public Provider forConfiguration(String configuration) {
        return new DurableCloud(dir.resolve(configuration), latency, crash).withReadLatency(readLatency);
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return List.of(schema);
    }

    /** A changed slot clashes with the old object, so that replacement must delete first. */
    @Override
    public DiffResponse diff(DiffRequest request) {
        DiffResponse diff = SchemaDiff.diff(schema, request.priorInputs(), request.desiredInputs());
        boolean slotMoves = diff.diffs().stream().map(PropertyDiff::path).anyMatch(path -> path.equals("slot"));
        return slotMoves ? new DiffResponse(diff.diffs(), ReplacementOrder.DELETE_BEFORE_CREATE) : diff;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        faults.beforeChange();
        pause();
        String id = "box-" + UUID.randomUUID().toString().substring(0, 8);
        StoredObject object = new StoredObject(id, request.type(), request.address().toString(),
                request.owner().labels(), Values.normalizeMap(request.inputs()));
        write(object);
        crash.providerWrote("create " + request.address());
        faults.afterChange("create " + request.address());
        pause(); // the change is made but its answer is still on the way: the unknown-outcome window
        return new CreateResponse(id, outputs(object));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        sleep(readLatency);
        StoredObject object = load(request.id());
        return object == null ? ReadResponse.gone() : ReadResponse.found(object.inputs(), outputs(object));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        faults.beforeChange();
        pause();
        StoredObject old = load(request.id());
        if (old == null) {
            throw ProviderException.notFound(request.address() + ": box " + request.id() + " does not exist");
        }
        StoredObject updated = new StoredObject(old.id(), old.type(), old.address(), old.labels(),
                Values.normalizeMap(request.desiredInputs()));
        write(updated);
        crash.providerWrote("update " + request.address());
        faults.afterChange("update " + request.address());
        pause();
        return new UpdateResponse(outputs(updated));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        faults.beforeChange();
        pause();
        boolean existed;
        try {
            existed = Files.deleteIfExists(file(request.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        crash.providerWrote("delete " + request.address());
        faults.afterChange("delete " + request.address());
        pause();
        return new DeleteResponse(!existed);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        StoredObject object = load(request.id());
        return object == null ? ImportResponse.notFound()
                : new ImportResponse(true, object.id(), object.inputs(), outputs(object));
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        List<OwnedObject> owned = new ArrayList<>();
        for (StoredObject object : objects()) {
            if (request.stack().equals(object.labels().get(Ownership.STACK_LABEL))
                    && (request.types().isEmpty() || request.types().contains(object.type()))) {
                owned.add(new OwnedObject(Address.parse(object.address()), object.type(), object.id(),
                        object.inputs(), outputs(object)));
            }
        }
        return new FindOwnedResponse(owned, true);
    }

    /** Every object in the cloud directory. */
    List<StoredObject> objects() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .map(f -> load(f.getFileName().toString().replace(".json", "")))
                    .filter(o -> o != null)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> outputs(StoredObject object) {
        Map<String, Object> all = new LinkedHashMap<>(object.inputs());
        all.put("arn", "arn:cloud:box:" + object.id());
        return Values.normalizeMap(all);
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    private StoredObject load(String id) {
        try {
            byte[] bytes = Files.readAllBytes(file(id));
            Map<String, Object> node = JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) node.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, Object> inputs = (Map<String, Object>) node.get("inputs");
            return new StoredObject((String) node.get("id"), (String) node.get("type"), (String) node.get("address"),
                    labels, Values.normalizeMap(inputs));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read box " + id + " in " + dir, e);
        }
    }

    /** Temp file and rename, so a crash leaves the old or the new object, never half of one. */
    private void write(StoredObject object) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", object.id());
        node.put("type", object.type());
        node.put("address", object.address());
        node.put("labels", object.labels());
        node.put("inputs", object.inputs());
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve("." + object.id() + "." + UUID.randomUUID() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(node));
            try {
                Files.move(temp, file(object.id()), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(object.id()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write box " + object.id() + " in " + dir, e);
        }
    }

    private void pause() {
        sleep(latency.dividedBy(2)); // half before the change, half after it
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.fatal("interrupted");
        }
    }
}
