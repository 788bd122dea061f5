package dev.converge.testing;

import dev.converge.spi.ConfigureRequest;
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
import dev.converge.spi.Provider;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real provider whose traffic router is watched: after every routing call, {@link #observe()} reads
 * what the real system (or its mock) routes now, and the line is kept in {@link #steps()}, so a test can
 * assert each step of a deployment strategy from the system's side, not from the router's own code.
 * Everything else is passed to the real provider unchanged.
 */
public abstract class RoutingRecorder implements Provider {

    private final Provider real;
    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    protected RoutingRecorder(Provider real) {
        this.real = real;
    }

    /** What the system routes now, as one line such as {@code blue=90 green=10}. */
    protected abstract String observe();

    /** The line observed after each routing call, oldest first; tests may clear it. */
    public List<String> steps() {
        return steps;
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        Optional<T> offered = real.extension(type);
        if (type != TrafficRouter.class || offered.isEmpty()) {
            return offered;
        }
        return Optional.of(type.cast(new Watched((TrafficRouter) offered.get())));
    }

    /** The real router, observed after each {@link #route}. */
    private final class Watched implements TrafficRouter {
        private final TrafficRouter router;

        Watched(TrafficRouter router) {
            this.router = router;
        }

        @Override
        public Optional<String> refuses(String strategyType, String instanceType) {
            return router.refuses(strategyType, instanceType);
        }

        @Override
        public RouterInfo ensureRouter(RouterRequest request) {
            return router.ensureRouter(request);
        }

        @Override
        public void route(RouteRequest request) {
            try {
                router.route(request);
            } finally {
                steps.add(observe());
            }
        }

        @Override
        public MirrorStats mirrorStats(String routerId) {
            return router.mirrorStats(routerId);
        }

        @Override
        public void deleteRouter(String routerId) {
            router.deleteRouter(routerId);
        }

        @Override
        public Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName) {
            return router.instanceInputs(template, instanceName);
        }

        @Override
        public String backendAddress(Map<String, Object> outputs, Map<String, Object> template, int port) {
            return router.backendAddress(outputs, template, port);
        }
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
    public void configure(ConfigureRequest request) {
        real.configure(request);
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
        return real.create(request);
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return real.read(request);
    }

    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        return real.readMany(request);
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return real.update(request);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return real.delete(request);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        return real.importResource(request);
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        return real.findOwned(request);
    }

    @Override
    public void close() {
        real.close();
    }
}
