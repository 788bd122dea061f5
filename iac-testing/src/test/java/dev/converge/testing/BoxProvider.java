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
import dev.converge.spi.OwnedObject;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider of boxes kept in a map (the "backend"), with one planted bug at a time, so that
 * {@link ProviderContractSelfTest} can show that each check of {@link ProviderContract} fails when it must.
 */
final class BoxProvider implements Provider {

    static final String BOX = "box:Box";

    /** The bug to plant; {@code NONE} for a provider that keeps the contract. */
    enum Bug { NONE, DELETE_TWICE_FAILS, DELETE_KEEPS_THE_OBJECT, DIFF_READS_THE_BACKEND, FIND_OWNED_MISSES,
        IMPORT_LOSES_SIZE, UPDATE_ADDS_A_TAG }

    /** One box in the backend. */
    record Box(Address address, String stack, Map<String, Object> inputs) {
    }

    private static final ResourceSchema SCHEMA = ResourceSchema.builder(BOX)
            .property(PropertySchema.string("name").asRequired().asForceNew())
            .property(PropertySchema.number("size").defaultValue(1L))
            .property(PropertySchema.map("tags"))
            .build();

    private final Bug bug;
    private final Map<String, Box> boxes;

    BoxProvider(Bug bug, Map<String, Box> backend) {
        this.bug = bug;
        this.boxes = backend;
    }

    static Map<String, Box> newBackend() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public String name() {
        return "box";
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return List.of(SCHEMA);
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        DiffResponse diff = Provider.super.diff(request);
        if (bug == Bug.DIFF_READS_THE_BACKEND && !boxes.containsKey(request.id())) {
            List<PropertyDiff> more = new ArrayList<>(diff.diffs());
            more.add(new PropertyDiff("name", PropertyDiff.Kind.ADD, null, request.desiredInputs().get("name"), true));
            return new DiffResponse(more, diff.replacementOrder());
        }
        return diff;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        String id = UUID.randomUUID().toString();
        boxes.put(id, new Box(request.address(), request.owner().stack(), Values.normalizeMap(request.inputs())));
        return new CreateResponse(id, request.inputs());
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Box box = boxes.get(request.id());
        return box == null ? ReadResponse.gone() : ReadResponse.found(box.inputs(), box.inputs());
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Box box = boxes.get(request.id());
        Map<String, Object> inputs = new LinkedHashMap<>(Values.normalizeMap(request.desiredInputs()));
        if (bug == Bug.UPDATE_ADDS_A_TAG) {
            inputs.put("tags", Map.of("touched", "yes"));
        }
        boxes.put(request.id(), new Box(box.address(), box.stack(), inputs));
        return new UpdateResponse(inputs);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        if (bug == Bug.DELETE_KEEPS_THE_OBJECT) {
            return DeleteResponse.deleted();
        }
        Box removed = boxes.remove(request.id());
        if (removed == null && bug == Bug.DELETE_TWICE_FAILS) {
            throw ProviderException.fatal("no box " + request.id());
        }
        return new DeleteResponse(removed == null);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        Box box = boxes.get(request.id());
        if (box == null) {
            return ImportResponse.notFound();
        }
        Map<String, Object> inputs = new LinkedHashMap<>(box.inputs());
        if (bug == Bug.IMPORT_LOSES_SIZE) {
            inputs.remove("size");
        }
        return new ImportResponse(true, request.id(), inputs, inputs);
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        List<OwnedObject> owned = new ArrayList<>();
        if (bug != Bug.FIND_OWNED_MISSES) {
            boxes.forEach((id, box) -> {
                if (box.stack().equals(request.stack())) {
                    owned.add(new OwnedObject(box.address(), BOX, id, box.inputs(), box.inputs()));
                }
            });
        }
        return new FindOwnedResponse(owned, true);
    }
}
