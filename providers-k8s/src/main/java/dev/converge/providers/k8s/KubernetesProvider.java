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
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
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
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Collection;
import java.util.Optional;

/**
 * The Kubernetes provider ({@code k8s:*} types) on the Fabric8 client.
 *
 * <p>Connects with the kubeconfig (or in-cluster configuration) by default. Settings: {@code k8s.context}
 * (a kubeconfig context), {@code k8s.namespace} (for objects that name none), {@code k8s.masterUrl}
 * (overrides the API server URL), {@code k8s.trustCerts}, {@code k8s.serverSideApply} (write with
 * server-side apply, field manager {@code converge}), {@code k8s.forceConflicts} (take over fields other
 * managers own when applying server-side), {@code k8s.driftManagers} (the field managers whose writes are
 * drift; default every kubectl command) and {@code k8s.pollMillis} (readiness polling).
 *
 * <p>Every object is labelled {@code app.kubernetes.io/managed-by=converge} plus the stack and
 * address labels, and annotated with the exact stack and address. Only fields the program declares
 * are compared and written. Thread-safe once configured.
 */
public final class KubernetesProvider implements Provider {

    private final KubernetesClient injected;
    private volatile KubernetesClient client;
    private volatile Cluster cluster;
    private volatile Operations operations;
    private volatile Refresh refresh;
    private volatile Settings settings;

    /** For {@link java.util.ServiceLoader}: connects in {@link #configure}. */
    public KubernetesProvider() {
        this(null);
    }

    /** Uses {@code client} (not closed by this provider), for embedding and tests. */
    public KubernetesProvider(KubernetesClient client) {
        this.injected = client;
    }

    @Override
    public String name() {
        return Kinds.PROVIDER;
    }

    /**
     * An instance for a named configuration: one that connects with that configuration's settings, or, for a
     * provider built around a client, one on the same client (then only the namespace and write settings of
     * the configuration apply; its context and URL cannot change an injected client).
     */
    @Override
    public Provider forConfiguration(String configuration) {
        return injected != null ? new KubernetesProvider(injected) : new KubernetesProvider();
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return Kinds.schemas();
    }

    @Override
    public synchronized void configure(ConfigureRequest request) {
        KubernetesClient next = injected != null ? injected : connect(request);
        if (client != null && client != injected && client != next) {
            client.close();
        }
        client = next;
        cluster = new Cluster(next);
        settings = Settings.from(request, next.getNamespace());
        operations = new Operations(cluster, settings);
        refresh = new Refresh(cluster, operations, settings);
    }

    private static KubernetesClient connect(ConfigureRequest request) {
        Config config = Config.autoConfigure(request.setting("k8s.context").orElse(null));
        request.setting("k8s.masterUrl").ifPresent(config::setMasterUrl);
        request.setting("k8s.trustCerts").map(Boolean::parseBoolean).ifPresent(config::setTrustCerts);
        // The API server names the field manager of plain updates after the user agent.
        config.setUserAgent(Settings.FIELD_MANAGER + "/0.1");
        // One layer of retries, the engine's: it honours Retry-After, slows down for a throttling API server and
        // stays within the resource's timeout; the client's own retries would multiply with it.
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private Operations operations() {
        Operations current = operations;
        if (current == null) {
            throw new IllegalStateException("the k8s provider is not configured: call configure(...) first");
        }
        return current;
    }

    /** The API access; a seam for tests in this package. */
    Cluster cluster() {
        operations();
        return cluster;
    }

    /** Lookups of an existing Namespace or Secret (its data kept secret); see {@link KubernetesLookups}. */
    @Override
    public Collection<ResourceSchema> lookupSchemas() {
        return Kinds.lookupSchemas();
    }

    @Override
    public LookupResponse lookup(LookupRequest request) {
        return operations().lookup(request);
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return new ValidateResponse(Checks.validate(request));
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return Checks.diff(Kinds.require(request.type()), request.priorInputs(), request.desiredInputs());
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        return operations().create(request);
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return operations().read(request);
    }

    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        operations();
        return refresh.readMany(request);
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return operations().update(request);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return operations().delete(request);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        return operations().importResource(request);
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        operations();
        return refresh.findOwned(request);
    }

    /**
     * Offers a {@link dev.converge.spi.deploy.TrafficRouter} (Services, Ingresses and ingress-nginx annotations,
     * see {@code KubernetesRouter}) so deployment strategies can release {@code k8s:Deployment} templates.
     */
    @Override
    public <T> Optional<T> extension(Class<T> type) {
        Optional<T> router = KubernetesRouter.offered(type, () -> new KubernetesRouter(cluster, operations(),
                settings.namespace()));
        return router.isPresent() ? router : Provider.super.extension(type);
    }

    @Override
    public synchronized void close() {
        if (client != null && client != injected) {
            client.close();
        }
        client = null;
    }
}
