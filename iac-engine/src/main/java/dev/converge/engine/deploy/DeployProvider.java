package dev.converge.engine.deploy;

import dev.converge.api.Diagnostic;
import dev.converge.api.deploy.Shadow;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaChecks;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.TrafficRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's {@code deploy} provider: carries out the deployment strategies ({@code deploy:BlueGreen},
 * {@code deploy:Canary}, {@code deploy:Shadow}). It creates the service's instances through the
 * provider of the template's type and moves traffic through that provider's {@link TrafficRouter}.
 * Create releases the first version; an update of the template runs the strategy's steps; delete removes
 * every instance and the router; a restart replaces the live version by a fresh copy through the strategy's
 * verified steps, so clients see no outage. The resource's id is the router's id. Thread-safe.
 */
public final class DeployProvider implements Provider, dev.converge.spi.deploy.Restarter {

    private final Function<String, Optional<Provider>> providers;
    private final Verifier verifier = new Verifier();
    private volatile String stack = "default";

    /** @param providers the run's providers by resource type, configured on first use */
    public DeployProvider(Function<String, Optional<Provider>> providers) {
        this.providers = providers;
    }

    @Override
    public String name() {
        return "deploy";
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return DeploySchemas.all();
    }

    @Override
    public void configure(ConfigureRequest request) {
        stack = request.stack();
    }

    /** The schema checks, and a shadow must not share the stable version's volumes silently. */
    @Override
    public ValidateResponse validate(ValidateRequest request) {
        List<Diagnostic> problems = new ArrayList<>(SchemaChecks.validate(schema(request.type()).orElseThrow(),
                request.address(), request.inputs()));
        Map<String, Object> template = Values.mapOf(request.inputs(), "template");
        if (Shadow.TYPE.equals(request.type()) && !Values.listOf(template, "mounts").isEmpty()
                && !Values.bool(request.inputs(), "sharesDataSafely", false)) {
            problems.add(Diagnostic.error(request.address().toString(),
                    "a shadow would write into the stable version's data (its template mounts volumes)",
                    "give the shadow its own volume or database, or declare its writes safe with"
                            + " .with(\"sharesDataSafely\", true) after checking it cannot corrupt data"));
        }
        return new ValidateResponse(problems);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Rollout r = rollout(request.address(), request.inputs(), request.timeout());
        Map<String, Object> outputs = Strategies.create(r);
        return new CreateResponse(r.router().id(), outputs);
    }

    /** The service exists while its live instance does; a vanished one is recreated by the next apply. */
    @Override
    public ReadResponse read(ReadRequest request) {
        String live = Values.string(request.priorOutputs(), "live");
        Map<String, Object> instance = Values.mapOf(Values.mapOf(request.priorOutputs(), "instances"), live);
        if (live == null || instance.isEmpty()) {
            return ReadResponse.gone();
        }
        String type = Values.string(request.priorInputs(), "instanceType");
        ReadResponse observed = platform(type, request.address().toString()).read(new ReadRequest(
                request.address().child(live), type, Values.string(instance, "id"), Values.mapOf(instance, "inputs"),
                Values.mapOf(instance, "outputs")));
        return observed.exists() ? ReadResponse.found(request.priorInputs(), request.priorOutputs())
                : ReadResponse.gone();
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> prior = Values.normalizeMap(request.priorInputs());
        Map<String, Object> desired = Values.normalizeMap(request.desiredInputs());
        Rollout r = rollout(request.address(), desired, request.timeout());
        if (prior.get("template").equals(desired.get("template")) && prior.get("port").equals(desired.get("port"))) {
            // Only settings of future deployments changed: nothing to roll out.
            Map<String, Object> outputs = new LinkedHashMap<>(request.priorOutputs());
            outputs.putAll(desired);
            return new UpdateResponse(Values.normalizeMap(outputs));
        }
        return new UpdateResponse(Strategies.update(r, request.type(), Values.normalizeMap(request.priorOutputs())));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        Rollout r = rollout(request.address(), request.inputs(), request.timeout());
        for (String slot : List.of("blue", "green")) {
            r.remove(slot, Map.of());
        }
        r.trafficRouter().deleteRouter(request.id());
        return DeleteResponse.deleted();
    }

    @Override
    public Map<String, Object> restart(Request request) {
        Rollout r = rollout(request.address(), request.inputs(), request.timeout());
        return Strategies.update(r, request.type(), Values.normalizeMap(request.outputs()));
    }

    private Rollout rollout(dev.converge.api.Address address, Map<String, Object> inputs, Duration timeout) {
        String type = Values.string(inputs, "instanceType");
        Provider platform = platform(type, address.toString());
        TrafficRouter router = platform.extension(TrafficRouter.class).orElseThrow(() -> new ProviderException(
                address + ": provider '" + platform.name() + "' has no traffic router, so " + type
                        + " cannot be deployed by a strategy; use a provider that offers one (docker, or k8s for Kubernetes)", false));
        return new Rollout(address, new Ownership(stack, address), inputs, platform, router, timeout, verifier);
    }

    private Provider platform(String type, String address) {
        if (type == null) {
            throw new ProviderException(address + ": the strategy has no service template; call .service(...)", false);
        }
        return providers.apply(type).orElseThrow(() -> new ProviderException(address + ": no provider for the"
                + " template type " + type + "; add the providers-" + type.substring(0, Math.max(0, type.indexOf(':')))
                + " module to the program's dependencies", false));
    }
}
