package dev.converge.engine.deploy;

import dev.converge.api.Diagnostic;
import dev.converge.api.deploy.Shadow;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.PropertyDiff;
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
    private volatile Optional<String> pauseAt = Optional.empty();

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
        pauseAt = request.setting(PAUSE_AT);
    }

    /** The setting {@code converge deploy --pause-at STEP} passes: deployments stop after that step. */
    public static final String PAUSE_AT = "deploy.pauseat";

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
        refusal(request).ifPresent(problems::add);
        return new ValidateResponse(problems);
    }

    /** The template provider's router may refuse a strategy it cannot carry out (DNS cannot mirror). */
    private Optional<Diagnostic> refusal(ValidateRequest request) {
        String type = Values.string(request.inputs(), "instanceType");
        if (type == null) {
            return Optional.empty();
        }
        return providers.apply(type).flatMap(platform -> platform.extension(TrafficRouter.class)
                .flatMap(router -> router.refuses(request.type(), type))
                .map(reason -> Diagnostic.error(request.address().toString(), "the traffic router of provider '"
                        + platform.name() + "' cannot carry out " + request.type() + " for " + type, reason)));
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
        if (!observed.exists()) {
            return ReadResponse.gone();
        }
        if (!paused(request.priorOutputs()) && interrupted(request, live)) {
            // A run was killed between steps: routing and instances may differ from what state records.
            Map<String, Object> outputs = new LinkedHashMap<>(request.priorOutputs());
            outputs.put("phase", INTERRUPTED);
            return ReadResponse.found(request.priorInputs(), Values.normalizeMap(outputs));
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
        Map<String, Object> recorded = Values.mapOf(Values.mapOf(request.priorOutputs(), "instances"), idle);
        return r.runs(idle, null) && (recorded.isEmpty() || !r.runs(idle, Rollout.Instance.fromMap(idle, recorded)));
    }

    /** The phase {@link #read} reports for an interrupted deployment; the plan shows it as a change. */
    static final String INTERRUPTED = "interrupted";

    /** The schema's diff, plus the repair of an interrupted deployment (its phase back to stable). */
    @Override
    public DiffResponse diff(DiffRequest request) {
        DiffResponse diff = Provider.super.diff(request);
        if (!INTERRUPTED.equals(Values.string(request.priorOutputs(), "phase"))) {
            return diff;
        }
        List<PropertyDiff> diffs = new ArrayList<>(diff.diffs());
        diffs.add(new PropertyDiff("phase", PropertyDiff.Kind.CHANGE, INTERRUPTED, "stable", false));
        return new DiffResponse(diffs, diff.replacementOrder(), diff.outputsChanging());
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> prior = Values.normalizeMap(request.priorInputs());
        Map<String, Object> desired = Values.normalizeMap(request.desiredInputs());
        Rollout r = rollout(request.address(), desired, request.timeout());
        if (prior.get("template").equals(desired.get("template")) && prior.get("port").equals(desired.get("port"))) {
            if (INTERRUPTED.equals(Values.string(request.priorOutputs(), "phase"))) {
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
    public Map<String, Object> promote(Request request, Optional<String> pauseAt) {
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
        return Strategies.settledOnStable(Values.normalizeMap(pausedOutputs));
    }

    /** The inputs a paused deployment had before it started (what an abort restores). Pure. */
    public static Map<String, Object> stableInputs(Map<String, Object> pausedOutputs) {
        return Values.mapOf(pausedOutputs, "stableInputs");
    }

    /** Whether a deployment is paused ({@code deploy --pause-at}). */
    public static boolean paused(Map<String, Object> outputs) {
        return "paused".equals(Values.string(outputs, "phase"));
    }

    private static void requirePaused(Request request, String command) {
        if (!paused(request.outputs())) {
            throw ProviderException.fatal(request.address() + " has no paused deployment to " + command
                    + " (its phase is " + Values.string(request.outputs(), "phase") + "); pause one with"
                    + " 'converge deploy --pause-at STEP'");
        }
    }

    private static void requireSettled(Request request, String command) {
        if (paused(request.outputs())) {
            throw ProviderException.fatal(request.address() + " has a deployment paused at "
                    + Values.string(request.outputs(), "pausedAt") + "; finish it with 'converge promote "
                    + request.address() + "' or 'converge abort " + request.address() + "' before you " + command
                    + " it");
        }
    }

    private Rollout rollout(dev.converge.api.Address address, Map<String, Object> inputs, Duration timeout) {
        String type = Values.string(inputs, "instanceType");
        Provider platform = platform(type, address.toString());
        TrafficRouter router = platform.extension(TrafficRouter.class).orElseThrow(() -> ProviderException.fatal(
                address + ": provider '" + platform.name() + "' has no traffic router, so " + type
                        + " cannot be deployed by a strategy; use a provider that offers one (docker, k8s, aws)"));
        return new Rollout(address, new Ownership(stack, address), inputs, platform, router, timeout, verifier);
    }

    private Provider platform(String type, String address) {
        if (type == null) {
            throw ProviderException.fatal(address + ": the strategy has no service template; call .service(...)");
        }
        return providers.apply(type).orElseThrow(() -> ProviderException.fatal(address + ": no provider for the"
                + " template type " + type + "; add the providers-" + type.substring(0, Math.max(0, type.indexOf(':')))
                + " module to the program's dependencies"));
    }
}
