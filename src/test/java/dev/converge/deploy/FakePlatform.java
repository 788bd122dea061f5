package dev.converge.deploy;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory platform with a traffic router, for the strategies' step logic: records every instance
 * created and deleted and every routing, in order. The preview endpoint is a closed port unless
 * {@code previewUrl} is set, so probes fail by default.
 */
final class FakePlatform implements Provider, TrafficRouter {

    final List<String> events = new ArrayList<>();
    final Map<String, Map<String, Object>> running = new LinkedHashMap<>();
    MirrorStats mirror = new MirrorStats(100, 100, 0);
    String previewUrl = "http://127.0.0.1:1";
    /** A routing this platform refuses (as {@code route blue=90 green=10}), as a router whose API fails. */
    String refusedRoute = "";

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return List.of(ResourceSchema.builder("fake:Instance").build());
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        String name = String.valueOf(request.inputs().get("name"));
        running.put(name, request.inputs());
        events.add("create " + name + " " + request.inputs().get("image"));
        return new CreateResponse(name, Map.of("name", name));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return running.containsKey(request.id()) ? ReadResponse.found(request.priorInputs(), request.priorOutputs())
                : ReadResponse.gone();
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        throw new UnsupportedOperationException("instances are never updated in place");
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        if (running.remove(request.id()) != null) {
            events.add("delete " + request.id());
        }
        return DeleteResponse.deleted();
    }

    @Override
    public RouterInfo ensureRouter(RouterRequest request) {
        return new RouterInfo(request.name(), "http://127.0.0.1:1", previewUrl);
    }

    @Override
    public void route(RouteRequest request) {
        StringBuilder line = new StringBuilder("route");
        request.backends().forEach(b -> line.append(' ').append(b.version()).append('=').append(b.weight()));
        request.mirror().ifPresent(m -> line.append(" mirror=").append(m.version()));
        if (line.toString().equals(refusedRoute)) {
            events.add("refused " + line);
            throw ProviderException.fatal("the router cannot carry out " + line);
        }
        events.add(line.toString());
    }

    @Override
    public MirrorStats mirrorStats(String routerId) {
        return mirror;
    }

    @Override
    public void deleteRouter(String routerId) {
        events.add("delete router");
    }

    @Override
    public Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName) {
        Map<String, Object> inputs = new LinkedHashMap<>(template);
        inputs.put("name", instanceName);
        return inputs;
    }

    @Override
    public String backendAddress(Map<String, Object> instanceOutputs, Map<String, Object> template, int port) {
        return instanceOutputs.get("name") + ":" + port;
    }
}
