package dev.converge.providers.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
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

/** The Docker calls behind {@code docker:Network}. Thread-safe. */
final class NetworkHandler extends DockerHandler {

    NetworkHandler(DockerConnection docker) {
        super(docker);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = Values.normalizeMap(request.inputs());
        String declared = Values.string(inputs, "name");
        String name = declared != null && !declared.isBlank() ? declared
                : DockerNames.stable(request.owner().stack(), request.address());
        if (find(name) != null) {
            throw ProviderException.fatal("network " + request.address() + ": a Docker network named " + name
                    + " already exists; import it (import " + request.address() + " " + name
                    + "), remove it, or choose another name");
        }
        String id = docker.call("create network " + name + " for " + request.address(), () -> docker.client()
                .createNetworkCmd().withName(name).withCheckDuplicate(true)
                .withDriver(Values.string(inputs, "driver") == null ? "bridge" : Values.string(inputs, "driver"))
                .withInternal(Values.bool(inputs, "internal", false))
                .withLabels(Labels.withOwner(inputs, request.owner())).exec()).getId();
        return new CreateResponse(id, outputs(inspect(id)));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return readOf(find(request.id()));
    }

    private static ReadResponse readOf(Network network) {
        return network == null ? ReadResponse.gone() : ReadResponse.found(observed(network), outputs(network));
    }

    /** Reads many networks with one list call; a network missing from the list is gone. */
    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        String[] ids = request.resources().stream().map(ReadRequest::id).toArray(String[]::new);
        Map<String, Network> byId = new LinkedHashMap<>();
        docker.call("list networks", () -> docker.client().listNetworksCmd().withIdFilter(ids).exec())
                .forEach(network -> byId.put(network.getId(), network));
        return fromListing(request, byId, NetworkHandler::readOf);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        try {
            docker.run("remove network " + request.id() + " of " + request.address(),
                    () -> docker.client().removeNetworkCmd(request.id()).exec());
            return DeleteResponse.deleted();
        } catch (NotFoundException e) {
            return new DeleteResponse(true);
        } catch (ConflictException e) {
            throw ProviderException.retryable("network " + request.address() + " is still in use by containers ("
                    + DockerConnection.clean(e.getMessage()) + "); remove or move them first", e);
        } catch (ProviderException e) {
            if (e.getMessage().contains("active endpoints")) {
                throw ProviderException.retryable("network " + request.address()
                        + " still has containers attached; remove or move them first", e);
            }
            throw e;
        }
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        Network network = find(request.id());
        return network == null ? ImportResponse.notFound()
                : new ImportResponse(true, network.getId(), observed(network), outputs(network));
    }

    @Override
    public Optional<List<OwnedObject>> findOwned(String stack) {
        List<Network> networks = docker.call("list networks of stack " + stack, () -> docker.client()
                .listNetworksCmd().withFilter("label", List.of(Ownership.STACK_LABEL + "=" + stack)).exec());
        List<OwnedObject> owned = new ArrayList<>();
        for (Network network : networks) {
            Address address = Address.parse(network.getLabels().get(Ownership.ADDRESS_LABEL));
            owned.add(new OwnedObject(address, DockerSchemas.NETWORK, network.getId(), observed(network),
                    outputs(network)));
        }
        return Optional.of(owned);
    }

    /** The networks named exactly as the filter says, with its driver and labels; Docker's name filter matches parts. */
    LookupResponse lookup(LookupRequest request) {
        String name = Values.string(request.filter(), "name");
        String driver = Values.string(request.filter(), "driver");
        List<Network> named = docker.call("look up network " + name + " for " + request.address(),
                () -> docker.client().listNetworksCmd().withNameFilter(name).exec());
        List<LookupResponse.Match> matches = new ArrayList<>();
        for (Network network : named) {
            if (network.getName().equals(name) && (driver == null || driver.equals(network.getDriver()))
                    && DockerLookups.hasLabels(request.filter(), network.getLabels())) {
                matches.add(new LookupResponse.Match(network.getId(), outputs(network)));
            }
        }
        return new LookupResponse(matches);
    }

    /** The network with this name or id, or null. */
    private Network find(String nameOrId) {
        try {
            return inspect(nameOrId);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Network inspect(String nameOrId) {
        return docker.call("inspect network " + nameOrId,
                () -> docker.client().inspectNetworkCmd().withNetworkId(nameOrId).exec());
    }

    private static Map<String, Object> observed(Network network) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", network.getName());
        in.put("driver", network.getDriver());
        in.put("internal", Boolean.TRUE.equals(network.getInternal()));
        Map<String, Object> labels = Labels.userLabels(network.getLabels());
        if (!labels.isEmpty()) {
            in.put("labels", labels);
        }
        return Values.normalizeMap(in);
    }

    private static Map<String, Object> outputs(Network network) {
        Map<String, Object> out = new LinkedHashMap<>(observed(network));
        String subnet = "";
        String gateway = "";
        if (network.getIpam() != null && network.getIpam().getConfig() != null
                && !network.getIpam().getConfig().isEmpty()) {
            Network.Ipam.Config config = network.getIpam().getConfig().get(0);
            subnet = config.getSubnet() == null ? "" : config.getSubnet();
            gateway = config.getGateway() == null ? "" : config.getGateway();
        }
        out.put("subnet", subnet);
        out.put("gateway", gateway);
        return Values.normalizeMap(out);
    }
}
