package dev.converge.providers.docker;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Docker calls behind {@code docker:Volume}; a volume's id is its name. Thread-safe. */
final class VolumeHandler extends DockerHandler {

    VolumeHandler(DockerConnection docker) {
        super(docker);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = Values.normalizeMap(request.inputs());
        String declared = Values.string(inputs, "name");
        String name = declared != null && !declared.isBlank() ? declared
                : DockerNames.stable(request.owner().stack(), request.address());
        // Docker's create returns an existing volume silently; adopting foreign data must be explicit.
        if (find(name) != null) {
            throw ProviderException.fatal("volume " + request.address() + ": a Docker volume named " + name
                    + " already exists; import it (import " + request.address() + " " + name
                    + ") to keep its data, remove it, or choose another name");
        }
        Map<String, String> options = new LinkedHashMap<>();
        Values.mapOf(inputs, "driverOpts").forEach((key, value) -> options.put(key, String.valueOf(value)));
        docker.call("create volume " + name + " for " + request.address(), () -> docker.client().createVolumeCmd()
                .withName(name)
                .withDriver(Values.string(inputs, "driver") == null ? "local" : Values.string(inputs, "driver"))
                .withDriverOpts(options).withLabels(Labels.withOwner(inputs, request.owner())).exec());
        return new CreateResponse(name, outputs(inspect(name)));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return readOf(find(request.id()));
    }

    private static ReadResponse readOf(InspectVolumeResponse volume) {
        return volume == null ? ReadResponse.gone() : ReadResponse.found(observed(volume), outputs(volume));
    }

    /** Reads many volumes with one list call; a volume missing from the list is gone. */
    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        Map<String, InspectVolumeResponse> byName = new LinkedHashMap<>();
        List<InspectVolumeResponse> all = docker.call("list volumes",
                () -> docker.client().listVolumesCmd().exec().getVolumes());
        (all == null ? List.<InspectVolumeResponse>of() : all).forEach(volume -> byName.put(volume.getName(), volume));
        return fromListing(request, byName, VolumeHandler::readOf);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        try {
            docker.run("remove volume " + request.id() + " of " + request.address(),
                    () -> docker.client().removeVolumeCmd(request.id()).exec());
            return DeleteResponse.deleted();
        } catch (NotFoundException e) {
            return new DeleteResponse(true);
        } catch (ConflictException e) {
            throw ProviderException.retryable("volume " + request.address() + " (" + request.id()
                    + ") is still mounted by a container (" + DockerConnection.clean(e.getMessage())
                    + "); remove that container first", e);
        }
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        InspectVolumeResponse volume = find(request.id());
        return volume == null ? ImportResponse.notFound()
                : new ImportResponse(true, volume.getName(), observed(volume), outputs(volume));
    }

    @Override
    public Optional<List<OwnedObject>> findOwned(String stack) {
        List<InspectVolumeResponse> volumes = docker.call("list volumes of stack " + stack, () -> docker.client()
                .listVolumesCmd().withFilter("label", List.of(Ownership.STACK_LABEL + "=" + stack)).exec()
                .getVolumes());
        List<OwnedObject> owned = new ArrayList<>();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            Address address = Address.parse(volume.getLabels().get(Ownership.ADDRESS_LABEL));
            owned.add(new OwnedObject(address, DockerSchemas.VOLUME, volume.getName(), observed(volume),
                    outputs(volume)));
        }
        return Optional.of(owned);
    }

    private InspectVolumeResponse find(String name) {
        try {
            return inspect(name);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private InspectVolumeResponse inspect(String name) {
        return docker.call("inspect volume " + name, () -> docker.client().inspectVolumeCmd(name).exec());
    }

    private static Map<String, Object> observed(InspectVolumeResponse volume) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", volume.getName());
        in.put("driver", volume.getDriver());
        if (volume.getOptions() != null && !volume.getOptions().isEmpty()) {
            in.put("driverOpts", new LinkedHashMap<>(volume.getOptions()));
        }
        Map<String, Object> labels = Labels.userLabels(volume.getLabels());
        if (!labels.isEmpty()) {
            in.put("labels", labels);
        }
        return Values.normalizeMap(in);
    }

    private static Map<String, Object> outputs(InspectVolumeResponse volume) {
        Map<String, Object> out = new LinkedHashMap<>(observed(volume));
        out.put("mountpoint", volume.getMountpoint() == null ? "" : volume.getMountpoint());
        return Values.normalizeMap(out);
    }
}
