package dev.converge.engine.deploy;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentPhase;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.VersionCheck;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.Backend;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One strategy operation on one service: its platform provider (which creates instances), its router
 * and its verification. Instances have stable names ({@code <stack>-<address>-<slot>}), so a run
 * interrupted between steps leaves nothing the next run cannot find and replace. Not thread-safe.
 */
final class Rollout {

    /** One running version of the service, as recorded in the strategy's outputs. */
    record Instance(String slot, String id, Map<String, Object> inputs, Map<String, Object> outputs, String backend) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", id);
            map.put("inputs", inputs);
            map.put("outputs", outputs);
            map.put("backend", backend);
            return map;
        }

        static Instance fromMap(String slot, Map<String, Object> map) {
            return new Instance(slot, Values.string(map, "id"), Values.mapOf(map, "inputs"),
                    Values.mapOf(map, "outputs"), Values.string(map, "backend"));
        }

        Backend weighted(int weight) {
            return new Backend(slot, backend, weight);
        }
    }

    private final Address address;
    private final Ownership owner;
    private final Map<String, Object> inputs;
    private final Provider platform;
    private final TrafficRouter router;
    private final Duration timeout;
    private final Verifier verifier;
    private final DeploymentEvents events;
    private RouterInfo info;

    Rollout(Address address, Ownership owner, Map<String, Object> inputs, Provider platform, TrafficRouter router,
            Duration timeout, Verifier verifier, DeploymentEvents events) {
        this.address = address;
        this.owner = owner;
        this.inputs = Values.normalizeMap(inputs);
        this.platform = platform;
        this.router = router;
        this.timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        this.verifier = verifier;
        this.events = events;
    }

    /** Where the steps report progress. */
    DeploymentEvents events() {
        return events;
    }

    Map<String, Object> inputs() {
        return inputs;
    }

    Address address() {
        return address;
    }

    long number(String key, long fallback) {
        return Values.number(inputs, key, fallback);
    }

    /** The router, created or adopted. */
    RouterInfo router() {
        if (info == null) {
            // The declared router settings, as-is; routerImage is one more, kept under its own name.
            Map<String, Object> settings = new LinkedHashMap<>(Values.mapOf(inputs, "router"));
            if (inputs.get("routerImage") != null) {
                settings.put("routerImage", inputs.get("routerImage"));
            }
            // Provider-specific settings (Deployment.routerSetting) pass through unread.
            settings.putAll(Values.mapOf(inputs, "router"));
            info = router.ensureRouter(new RouterRequest(baseName() + "-router", owner, template(),
                    (int) number("publish", 0), settings, timeout));
        }
        return info;
    }

    TrafficRouter trafficRouter() {
        return router;
    }

    /** Starts {@code slot} from the current template, replacing a leftover of an interrupted run. */
    Instance start(String slot) {
        remove(slot, Map.of());
        Map<String, Object> instanceInputs = router.instanceInputs(template(), baseName() + "-" + slot);
        CreateResponse created = platform.create(new CreateRequest(address.child(slot), type(), instanceInputs,
                new Ownership(owner.stack(), address.child(slot)), timeout));
        String backend = router.backendAddress(created.outputs(), template(), (int) number("port", 80));
        return new Instance(slot, created.id(), instanceInputs, created.outputs(), backend);
    }

    /** Deletes an instance; already gone is fine. */
    void stop(Instance instance) {
        platform.delete(new DeleteRequest(address.child(instance.slot()), type(), instance.id(), instance.inputs(),
                instance.outputs(), timeout));
    }

    /**
     * Whether an object runs under {@code slot}'s stable name ({@code recorded} null), or whether the
     * recorded instance still exists. A platform that cannot read by name answers no.
     */
    boolean runs(String slot, Instance recorded) {
        try {
            ReadResponse read = platform.read(new ReadRequest(address.child(slot), type(),
                    recorded == null ? baseName() + "-" + slot : recorded.id(),
                    recorded == null ? Map.of() : recorded.inputs(), recorded == null ? Map.of() : recorded.outputs()));
            return read.exists();
        } catch (RuntimeException cannotTell) {
            return false;
        }
    }

    /** Deletes whatever runs under {@code slot}'s stable name. */
    void remove(String slot, Map<String, Object> knownInputs) {
        platform.delete(new DeleteRequest(address.child(slot), type(), baseName() + "-" + slot, knownInputs, Map.of(),
                timeout));
    }

    void route(List<Backend> backends, Optional<Backend> preview, Optional<Backend> mirror) {
        router.route(new RouteRequest(router().id(), backends, preview, mirror, timeout));
    }

    /**
     * Runs the probes, then the Java checks, of {@code candidate} against the preview endpoint (only the
     * preview version answers there); the first failure's reason, or empty.
     */
    Optional<String> verifyPreview(Instance candidate) {
        List<HttpProbe> probes = new ArrayList<>();
        for (Object probe : Values.listOf(inputs, "probes")) {
            probes.add(HttpProbe.fromMap(Values.mapOf(Map.of("p", probe), "p")));
        }
        Optional<String> failure = verifier.verify(router().previewEndpoint(), probes);
        if (failure.isPresent()) {
            return failure;
        }
        VersionCheck.Candidate tested = new VersionCheck.Candidate(router().previewEndpoint(), candidate.slot(),
                candidate.inputs());
        for (Object name : Values.listOf(inputs, "checks")) {
            failure = Verifier.check(String.valueOf(name), tested);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** Fails the resource with the verification's reason, saying where traffic is. */
    ProviderException failed(String version, String reason, String stable) {
        return ProviderException.fatal("the new version (" + version + ") failed verification: " + reason
                + "; all traffic stays on the stable version (" + stable + ") and the new version was deleted."
                + " Fix the service and apply again, or roll back with 'rollback'.");
    }

    /** The outputs of a settled service: {@code live} serves clients, {@code instances} all run. */
    Map<String, Object> outputs(String live, DeploymentPhase phase, List<Instance> instances) {
        Map<String, Object> base = new LinkedHashMap<>(inputs);
        base.put("endpoint", router().endpoint());
        base.put("previewEndpoint", router().previewEndpoint());
        return ServiceRecord.settled(base, live, phase, instances);
    }

    Map<String, Object> template() {
        return Values.mapOf(inputs, "template");
    }

    private String type() {
        return Values.string(inputs, "instanceType");
    }

    String baseName() {
        return (owner.stack() + "-" + String.join("-", address.segments())).replaceAll("[^a-zA-Z0-9_.-]", "-");
    }

    static String other(String slot) {
        return "blue".equals(slot) ? "green" : "blue";
    }
}
