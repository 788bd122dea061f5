package dev.converge.providers.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
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
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Docker calls behind {@code docker:Container}. Thread-safe. */
final class ContainerHandler extends DockerHandler {

    private final ContainerReadiness readiness;

    ContainerHandler(DockerConnection docker) {
        super(docker);
        this.readiness = new ContainerReadiness(docker);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = Values.normalizeMap(request.inputs());
        String fixed = Values.string(inputs, "name");
        String name = fixed != null && !fixed.isBlank() ? fixed
                : DockerNames.unique(request.owner().stack(), request.address());
        String id = createContainer(request.address(), name, inputs, request.owner());
        try {
            List<ContainerInputs.NetworkSpec> networks = ContainerInputs.networks(inputs);
            List<ContainerInputs.NetworkSpec> more = networks.subList(Math.min(1, networks.size()), networks.size());
            for (ContainerInputs.NetworkSpec network : more) {
                docker.run("connect container " + name + " to network " + network.name(),
                        () -> docker.client().connectToNetworkCmd().withContainerId(id).withNetworkId(network.name())
                                .withContainerNetwork(new ContainerNetwork()
                                        .withAliases(aliases(request.address(), network))).exec());
            }
            docker.run("start container " + name, () -> docker.client().startContainerCmd(id).exec());
        } catch (RuntimeException e) {
            removeQuietly(id);
            throw e;
        }
        String problem = readiness.awaitReady(id, orDefault(request.timeout()));
        if (problem != null) {
            removeQuietly(id);
            throw ProviderException.fatal("container " + request.address() + " (" + name + ", image "
                    + Values.string(inputs, "image") + ") did not become ready: " + problem
                    + "\nThe container was removed; fix its command, image or healthcheck and apply again.");
        }
        InspectContainerResponse inspect = inspect(id);
        return new CreateResponse(id, view(inspect, request.address(), inputs).outputs());
    }

    private String createContainer(Address address, String name, Map<String, Object> inputs, Ownership owner) {
        String image = Values.string(inputs, "image");
        List<ContainerInputs.NetworkSpec> networks = ContainerInputs.networks(inputs);
        List<String> firstAliases = networks.isEmpty() ? List.of() : aliases(address, networks.get(0));
        try {
            CreateContainerCmd cmd = docker.client().createContainerCmd(image).withName(name);
            ContainerSpec.configure(cmd, inputs, owner.labels(), firstAliases);
            return docker.call("create container " + name + " for " + address, cmd::exec).getId();
        } catch (IllegalArgumentException e) {
            throw ProviderException.fatal("container " + address + ": " + e.getMessage(), e);
        } catch (NotFoundException e) {
            throw ProviderException.fatal("container " + address + ": " + DockerConnection.clean(e.getMessage())
                    + " in the Docker daemon at " + docker.host() + "; build the image first (a DockerImage with a"
                    + " context, or scripts/docker/build-base-images.sh for converge/* base images)", e);
        } catch (ConflictException e) {
            throw ProviderException.fatal("container " + address + ": the name " + name + " is already in use ("
                    + DockerConnection.clean(e.getMessage()) + "); remove that container, import it, or drop"
                    + " fixedName", e);
        }
    }

    private static List<String> aliases(Address address, ContainerInputs.NetworkSpec network) {
        List<String> aliases = new ArrayList<>();
        aliases.add(DockerNames.alias(address));
        network.aliases().stream().filter(alias -> !aliases.contains(alias)).forEach(aliases::add);
        return aliases;
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        InspectContainerResponse inspect;
        try {
            inspect = inspect(request.id());
        } catch (NotFoundException e) {
            return ReadResponse.gone();
        }
        ContainerView view = view(inspect, request.address(), Values.normalizeMap(request.priorInputs()));
        return ReadResponse.found(view.observedInputs(), view.outputs());
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        String id = request.id();
        long grace = Math.min(Values.number(request.inputs(), "stopTimeoutSeconds", 10),
                Math.max(1, orDefault(request.timeout()).toSeconds() / 2));
        try {
            docker.run("stop container " + id,
                    () -> docker.client().stopContainerCmd(id).withTimeout((int) grace).exec());
        } catch (NotFoundException e) {
            return new DeleteResponse(true);
        } catch (ProviderException e) {
            if (!(e.getCause() instanceof DockerException de && de.getHttpStatus() == 304)) {
                throw e; // 304: already stopped, fine
            }
        }
        try {
            docker.run("remove container " + id + " of " + request.address(),
                    () -> docker.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec());
        } catch (NotFoundException e) {
            return new DeleteResponse(true);
        } catch (ConflictException e) {
            // Docker is already removing it (a concurrent delete): that is the outcome we want.
            return DeleteResponse.deleted();
        }
        return DeleteResponse.deleted();
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        InspectContainerResponse inspect;
        try {
            inspect = inspect(request.id());
        } catch (NotFoundException e) {
            return ImportResponse.notFound();
        }
        ContainerView view = view(inspect, request.address(), Map.of());
        return new ImportResponse(true, inspect.getId(), view.observedInputs(), view.outputs());
    }

    @Override
    public Optional<List<OwnedObject>> findOwned(String stack) {
        List<Container> containers = docker.call("list containers of stack " + stack, () -> docker.client()
                .listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Ownership.STACK_LABEL, stack)).exec());
        List<OwnedObject> owned = new ArrayList<>();
        for (Container container : containers) {
            Address address = Address.parse(container.getLabels().get(Ownership.ADDRESS_LABEL));
            try {
                ContainerView view = view(inspect(container.getId()), address, Map.of());
                owned.add(new OwnedObject(address, DockerSchemas.CONTAINER, container.getId(), view.observedInputs(),
                        view.outputs()));
            } catch (NotFoundException e) {
                // removed between list and inspect: not owned any more
            }
        }
        return Optional.of(owned);
    }

    private InspectContainerResponse inspect(String id) {
        return docker.call("inspect container " + id, () -> docker.client().inspectContainerCmd(id).exec());
    }

    private ContainerView view(InspectContainerResponse inspect, Address address, Map<String, Object> declared) {
        ContainerConfig image = null;
        try {
            image = docker.call("inspect image " + inspect.getImageId(),
                    () -> docker.client().inspectImageCmd(inspect.getImageId()).exec()).getConfig();
        } catch (NotFoundException e) {
            // the image was removed under the container: report every setting as the container's own
        }
        return new ContainerView(inspect, image, DockerNames.alias(address), declared);
    }

    private void removeQuietly(String id) {
        try {
            docker.client().removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            // best effort: the container carries ownership labels, so findOwned still lists it
        }
    }
}
