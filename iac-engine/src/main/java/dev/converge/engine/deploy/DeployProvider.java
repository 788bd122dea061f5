package dev.converge.engine.deploy;

import dev.converge.api.deploy.DeploymentPhase;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.Values;
import java.time.Duration;
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
    private final Platforms platforms;
    private volatile String stack = "default";
    private volatile Optional<DeploymentStep> pauseAt = Optional.empty();

    /** @param providers the run's providers by resource type, configured on first use */
    public DeployProvider(Function<String, Optional<Provider>> providers) {
        this(providers, DeploymentEvents.none());
    }

    /**
     * @param providers the run's providers by resource type, configured on first use
     * @param events where the deployments report the steps they reach and their verifications
     */
    public DeployProvider(Function<String, Optional<Provider>> providers, DeploymentEvents events) {
        this.providers = providers;
        this.platforms = new Platforms(providers, events);
    }

    /** The prefix of the strategy types this provider carries out, such as {@code deploy:Canary}. */
    public static final String TYPE_PREFIX = "deploy:";

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

    /**
     * Makes the deployments of the next applies stop after {@code step} ({@code deploy --pause-at STEP}),
     * or run to the end when it is empty (the default). The engine sets it for one run and resets it.
     */
    public void pauseAt(Optional<DeploymentStep> step) {
        pauseAt = step;
    }

    /** The schema checks; a shadow must not share the stable version's volumes silently; the router may refuse. */
    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return DeployValidation.validate(request, schema(request.type()).orElseThrow(), providers);
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
        String live = ServiceRecord.live(request.priorOutputs());
        Rollout.Instance instance = live == null ? null : ServiceRecord.instance(request.priorOutputs(), live);
        if (instance == null) {
            return ReadResponse.gone();
        }
        String type = Values.string(request.priorInputs(), "instanceType");
        ReadResponse observed = platform(type, request.address().toString()).read(new ReadRequest(
                request.address().child(live), type, instance.id(), instance.inputs(), instance.outputs()));
        if (!observed.exists()) {
            return ReadResponse.gone();
        }
        if (!paused(request.priorOutputs()) && interrupted(request, live)) {
            // A run was killed between steps: routing and instances may differ from what state records.
            return ReadResponse.found(request.priorInputs(), ServiceRecord.withPhase(request.priorOutputs(),
                    DeploymentPhase.INTERRUPTED));
        }
        return ReadResponse.found(request.priorInputs(), request.priorOutputs());
    }

    /**
     * Whether a deployment was interrupted: an instance runs under the idle slot's stable name that state
     * does not record (a run started the new version, then died before it recorded anything).
     */
    private boolean interrupted(ReadRequest request, String live) {
        Rollout r = rollout(request.address(), request.priorInputs(), null);
        String idle = Rollout.other(live);
        Rollout.Instance recorded = ServiceRecord.instance(request.priorOutputs(), idle);
        return r.runs(idle, null) && (recorded == null || !r.runs(idle, recorded));
    }

    /** The schema's diff, plus the repair of an interrupted deployment (its phase back to stable). */
    @Override
    public DiffResponse diff(DiffRequest request) {
        return ServiceRecord.withRepair(Provider.super.diff(request), request.priorOutputs());
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> prior = Values.normalizeMap(request.priorInputs());
        Map<String, Object> desired = Values.normalizeMap(request.desiredInputs());
        Rollout r = rollout(request.address(), desired, request.timeout());
        if (prior.get("template").equals(desired.get("template")) && prior.get("port").equals(desired.get("port"))) {
            if (ServiceRecord.phase(request.priorOutputs()) == DeploymentPhase.INTERRUPTED) {
                return new UpdateResponse(Strategies.repair(r, Values.normalizeMap(request.priorOutputs())));
            }
            // Only settings of future deployments changed: nothing to roll out.
            Map<String, Object> outputs = new LinkedHashMap<>(request.priorOutputs());
            outputs.putAll(desired);
            return new UpdateResponse(Values.normalizeMap(outputs));
        }
        return new UpdateResponse(Strategies.update(r, request.type(), Values.normalizeMap(request.priorOutputs()), prior,
                pauseAt));
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
        requireSettled(request, "restart");
        Rollout r = rollout(request.address(), request.inputs(), request.timeout());
        return Strategies.update(r, request.type(), Values.normalizeMap(request.outputs()),
                Values.normalizeMap(request.inputs()), Optional.empty());
    }

    /**
     * Continues a paused deployment after the step it paused at, through the remaining verified steps
     * (or until the step {@code pauseAt} names); returns the service's outputs afterwards. A failed check
     * routes all traffic back to the stable version, deletes the new one and throws; state then records
     * {@link #settledOnStable}.
     */
    public Map<String, Object> promote(Request request, Optional<DeploymentStep> pauseAt) {
        requirePaused(request, "promote");
        Rollout r = rollout(request.address(), request.inputs(), request.timeout());
        return Strategies.resume(r, request.type(), Values.normalizeMap(request.outputs()), pauseAt);
    }

    /** Ends a paused deployment: traffic back on the stable version, the new version deleted; its outputs. */
    public Map<String, Object> abort(Request request) {
        requirePaused(request, "abort");
        Rollout r = rollout(request.address(), request.inputs(), request.timeout());
        return Strategies.abort(r, Values.normalizeMap(request.outputs()));
    }

    /** What state records for a paused deployment whose new version is gone (after a failed promote). Pure. */
    public static Map<String, Object> settledOnStable(Map<String, Object> pausedOutputs) {
        return ServiceRecord.settledOnStable(Values.normalizeMap(pausedOutputs));
    }

    /** The inputs a paused deployment had before it started (what an abort restores). Pure. */
    public static Map<String, Object> stableInputs(Map<String, Object> pausedOutputs) {
        return ServiceRecord.stableInputs(pausedOutputs);
    }

    /** Whether a deployment is paused ({@code deploy --pause-at}). */
    public static boolean paused(Map<String, Object> outputs) {
        return phase(outputs) == DeploymentPhase.PAUSED;
    }

    /** The phase a strategy-managed service's outputs record. Pure. */
    public static DeploymentPhase phase(Map<String, Object> outputs) {
        return ServiceRecord.phase(outputs);
    }

    /** The step a paused deployment stopped after; empty unless it is paused. Pure. */
    public static Optional<DeploymentStep> pausedAt(Map<String, Object> outputs) {
        return ServiceRecord.pausedAt(outputs);
    }

    /** The slot ({@code blue} or {@code green}) that serves clients. Pure. */
    public static String live(Map<String, Object> outputs) {
        return ServiceRecord.live(outputs);
    }

    private static void requirePaused(Request request, String command) {
        if (!paused(request.outputs())) {
            throw ProviderException.fatal(request.address() + " has no paused deployment to " + command
                    + " (its phase is " + phase(request.outputs()).text() + "); pause one with"
                    + " 'converge deploy --pause-at STEP'");
        }
    }

    private static void requireSettled(Request request, String command) {
        if (paused(request.outputs())) {
            throw ProviderException.fatal(request.address() + " has a deployment paused at "
                    + pausedAt(request.outputs()).orElseThrow() + "; finish it with 'converge promote "
                    + request.address() + "' or 'converge abort " + request.address() + "' before you " + command
                    + " it");
        }
    }

    private Rollout rollout(dev.converge.api.Address address, Map<String, Object> inputs, Duration timeout) {
        return platforms.rollout(stack, address, inputs, timeout);
    }

    private Provider platform(String type, String address) {
        return platforms.platform(type, address);
    }
}
