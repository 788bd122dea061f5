package dev.converge.providers.k8s;

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
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Kubernetes provider, whose traffic router is observed: after every routing call the test
 * records what the mock server then holds (which version the client, canary, preview and mirror Services
 * select, the canary Ingress's weight, the mirror annotation), so each strategy step can be asserted.
 * A step reads {@code client=blue canary=green@10 preview=green mirror=-}.
 */
final class ObservedProvider implements Provider {

    private final KubernetesProvider delegate = new KubernetesProvider();
    private final KubernetesClient observer;
    private final String service;
    final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    ObservedProvider(KubernetesClient observer, String service) {
        this.observer = observer;
        this.service = service;
    }

    /**
     * What the cluster routes now, in the form of {@link #steps}: each Ingress (and the mirror annotation)
     * is followed to the Service it names, and the Service's selector to the version it selects.
     */
    String routing() {
        Ingress canary = ingress(service + "-canary");
        String weight = canary == null ? "-" : selected(backendOf(canary)) + "@"
                + canary.getMetadata().getAnnotations().get(KubernetesRouter.CANARY_WEIGHT);
        Ingress main = ingress(service);
        String target = main == null ? null : main.getMetadata().getAnnotations().get(KubernetesRouter.MIRROR_TARGET);
        String mirror = target == null ? "-" : selected(java.net.URI.create(target.replace("$request_uri", ""))
                .getHost().split("\\.")[0]);
        String client = main == null ? "absent" : selected(backendOf(main));
        Ingress preview = ingress(service + "-preview");
        return "client=" + client + " canary=" + weight + " preview="
                + (preview == null ? "absent" : selected(backendOf(preview))) + " mirror=" + mirror;
    }

    private static String backendOf(Ingress ingress) {
        return ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName();
    }

    /** The slot ({@code blue}, {@code green}) a Service selects, {@code none}, or {@code absent}. */
    private String selected(String name) {
        Service found = observer.services().inNamespace("default").withName(name).get();
        if (found == null) {
            return "absent";
        }
        String instance = found.getSpec().getSelector().get(KubernetesRouter.INSTANCE_LABEL);
        return KubernetesRouter.NO_VERSION.equals(instance) ? "none" : instance.substring(instance.lastIndexOf('-') + 1);
    }

    private Ingress ingress(String name) {
        return observer.network().v1().ingresses().inNamespace("default").withName(name).get();
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        Optional<T> offered = delegate.extension(type);
        if (type != TrafficRouter.class || offered.isEmpty()) {
            return offered;
        }
        TrafficRouter router = (TrafficRouter) offered.get();
        return Optional.of(type.cast(new TrafficRouter() {
            @Override
            public RouterInfo ensureRouter(RouterRequest request) {
                return router.ensureRouter(request);
            }

            @Override
            public void route(RouteRequest request) {
                router.route(request);
                steps.add(routing());
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
        }));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return delegate.schemas();
    }

    @Override
    public void configure(ConfigureRequest request) {
        delegate.configure(request);
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return delegate.validate(request);
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return delegate.diff(request);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        return delegate.create(request);
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return delegate.read(request);
    }

    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        return delegate.readMany(request);
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return delegate.update(request);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return delegate.delete(request);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        return delegate.importResource(request);
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        return delegate.findOwned(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
