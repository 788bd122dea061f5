package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.ReplacementOrder;
import dev.converge.api.ResourceOptions;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Provider;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a {@link Plan} from the desired graph and the prior (possibly refreshed) state. Pure apart
 * from the providers' pure {@code validate} and {@code diff}. Linear in the number of resources.
 */
public final class Planner {

    private final ResourceGraph graph;
    private final Providers providers;
    private final ExternalReads reads;
    private final PlanOptions options;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<Address, Optional<Map<String, Object>>> plannedOutputs = new HashMap<>();
    private State state;

    private Planner(ResourceGraph graph, State prior, Providers providers, ExternalReads reads, PlanOptions options) {
        this.graph = graph;
        this.state = prior;
        this.providers = providers;
        this.reads = reads;
        this.options = options;
    }

    /**
     * Plans the changes with every lookup and stack reference deferred (nothing is read); for validation.
     * Every problem found is thrown together as a {@link ConvergeException} before anything is changed.
     */
    public static Plan plan(ResourceGraph graph, State prior, List<Drift> drift, Providers providers,
            PlanOptions options) {
        return plan(graph, prior, drift, providers, ExternalReads.deferred(providers), options);
    }

    /**
     * Plans the changes, reading lookups and other stacks through {@code reads} as the walk reaches them;
     * every problem found (validation, protected resources, lookups that do not find exactly one object,
     * missing stacks or outputs) is thrown together as a {@link ConvergeException} before anything is changed.
     */
    public static Plan plan(ResourceGraph graph, State prior, List<Drift> drift, Providers providers,
            ExternalReads reads, PlanOptions options) {
        return new Planner(graph, prior, providers, reads, options).run(prior, drift);
    }

    private Plan run(State prior, List<Drift> drift) {
        List<Change> changes = new ArrayList<>();
        if (options.mode() != Plan.Mode.DESTROY) {
            changes.addAll(planMoves());
            for (Address address : graph.walkOrder()) {
                DeclaredResource resource = graph.resource(address);
                changes.add(resource != null ? planResource(resource) : planRead(address));
            }
        }
        changes.addAll(DeletePlanner.planDeletes(graph, state, options, problems, providers));
        Map<String, Object> outputs = planOutputs();
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            throw new ConvergeException(problems);
        }
        List<Change> selected = Targeting.select(changes, graph, state, options);
        List<Diagnostic> warnings = new ArrayList<>(problems);
        if (options.isTargeted()) {
            warnings.add(Diagnostic.warning("", "resource targeting is in effect",
                    "the plan may be incomplete; run a plan without --target/--exclude to see every change"));
        }
        Plan.Fingerprint fingerprint = Fingerprints.lazy(graph, selected);
        return new Plan(prior.stack(), prior.lineage(), prior.serial(), options.mode(), selected, drift,
                options.mode() == Plan.Mode.DESTROY ? Map.of() : outputs, warnings, fingerprint);
    }

    private List<Change> planMoves() {
        List<Change> moves = new ArrayList<>();
        for (Address address : graph.order()) {
            DeclaredResource resource = graph.resource(address);
            if (state.resource(address) != null) {
                continue;
            }
            for (String alias : resource.declaration().options().aliases()) {
                Address from = Address.parse(alias);
                if (from.segments().size() == 1 && !address.parent().isRoot()) {
                    Address sibling = address.parent().child(alias);
                    from = state.resource(sibling) != null ? sibling : from;
                }
                ResourceState old = state.resource(from);
                if (old != null && graph.resource(from) == null) {
                    state = state.withoutResource(from).withResource(old.withAddress(address));
                    moves.add(new Change.Move(from, address, old.type()));
                    break;
                }
            }
        }
        return moves;
    }

    private Change planResource(DeclaredResource resource) {
        Address address = resource.address();
        String type = resource.type();
        Optional<Diagnostic> missing = providers.checkType(address.toString(), type);
        if (missing.isEmpty() && !providers.declares(type, resource.configuration())) {
            missing = Optional.of(Diagnostic.error(address.toString(), "uses the provider configuration "
                    + resource.managedBy() + ", which this stack does not declare", "declare it with stack.provider(...)"));
        }
        if (missing.isPresent()) {
            problems.add(missing.get());
            plannedOutputs.put(address, Optional.empty());
            return new Change.NoOp(address, type, "");
        }
        Provider provider = providers.require(type, resource.configuration());
        ResourceSchema schema = provider.schema(type).orElseThrow();
        Map<String, Object> desired = InputResolver.resolve(resource.declaration().properties(), schema,
                this::outputsOf);
        problems.addAll(provider.validate(new ValidateRequest(address, type, Values.revealMap(desired))).diagnostics());
        ResourceState prior = state.resource(address);
        if (prior == null) {
            plannedOutputs.put(address, Optional.of(PlannedOutputs.of(desired, schema)));
            return new Change.Create(address, type, desired);
        }
        if (!prior.type().equals(type)) {
            return replace(resource, prior, desired, List.of(), ReplacementReason.TYPE_CHANGED,
                    "type changed from " + prior.type(), ReplacementOrder.DEFAULT);
        }
        return planExisting(resource, prior, desired, provider);
    }

    /** The change of an object in state of the same type: none, an update, or a replacement, and why. */
    private Change planExisting(DeclaredResource resource, ResourceState prior, Map<String, Object> desired,
            Provider provider) {
        Address address = resource.address();
        ResourceSchema schema = provider.schema(prior.type()).orElseThrow();
        DiffResponse response = provider.diff(new DiffRequest(address, prior.type(), prior.id(),
                Values.revealMap(prior.inputs()), Values.revealMap(prior.outputs()), Values.revealMap(desired)));
        List<PropertyDiff> diffs = DiffRules.forPlan(response.diffs(), resource.declaration().options(),
                prior.inputs(), desired, schema);
        if (!prior.configuration().equals(resource.configuration())) {
            return replace(resource, prior, desired, diffs, ReplacementReason.PROVIDER_CONFIGURATION_CHANGED,
                    "provider configuration changed from " + prior.managedBy() + " to "
                            + resource.managedBy(), response.replacementOrder());
        }
        if (options.replace().contains(address)) {
            return replace(resource, prior, desired, diffs, ReplacementReason.REQUESTED, "requested with --replace",
                    response.replacementOrder());
        }
        if (diffs.isEmpty()) {
            plannedOutputs.put(address, Optional.of(PlannedOutputs.unchanged(prior.outputs(), prior.id())));
            return new Change.NoOp(address, prior.type(), prior.id());
        }
        return diffs.stream().anyMatch(PropertyDiff::forcesReplacement)
                ? forcedReplacement(resource, prior, desired, diffs, response)
                : update(prior, desired, diffs, response);
    }

    /** The read of a lookup or of another stack; what it read is what its dependents see. */
    private Change planRead(Address address) {
        Change read = reads.plan(address, graph, state, this::outputsOf, problems);
        plannedOutputs.put(address, Optional.of(ExternalReads.seenByDependents(read)));
        return read;
    }

    /** A replacement that changed properties force: the resource is immutable, or they cannot change in place. */
    private Change forcedReplacement(DeclaredResource resource, ResourceState prior, Map<String, Object> desired,
            List<PropertyDiff> diffs, DiffResponse response) {
        List<String> forcing = diffs.stream().filter(PropertyDiff::forcesReplacement).map(PropertyDiff::path).toList();
        boolean immutable = resource.declaration().options().immutable() && !response.requiresReplacement();
        return replace(resource, prior, desired, diffs, immutable ? ReplacementReason.IMMUTABLE
                : ReplacementReason.PROPERTY_FORCES_REPLACEMENT, immutable ? "the resource is immutable"
                : "changing " + String.join(", ", forcing) + " forces replacement", response.replacementOrder());
    }

    private Change update(ResourceState prior, Map<String, Object> desired, List<PropertyDiff> diffs,
            DiffResponse response) {
        plannedOutputs.put(prior.address(), Optional.of(PlannedOutputs.updated(prior.outputs(), prior.id(), desired,
                response.outputsChanging())));
        return new Change.Update(prior.address(), prior.type(), prior.id(), prior.inputs(), desired, diffs);
    }

    private Change replace(DeclaredResource resource, ResourceState prior, Map<String, Object> desired,
            List<PropertyDiff> diffs, ReplacementReason cause, String reason, ReplacementOrder providerOrder) {
        ResourceOptions opts = resource.declaration().options();
        providers.checkConfigurationOf(prior, "replace").ifPresent(problems::add);
        if (opts.protect() || prior.options().protect()) {
            problems.add(Diagnostic.error(resource.address().toString(), "cannot replace a protected resource: " + reason,
                    "remove protect() from the resource and apply again if the replacement is intended, "
                            + "or undo the change"));
        }
        ReplacementOrder order = opts.replacementOrder() != ReplacementOrder.DEFAULT ? opts.replacementOrder()
                : providerOrder != ReplacementOrder.DEFAULT ? providerOrder : ReplacementOrder.CREATE_BEFORE_DELETE;
        providers.schema(resource.type()).ifPresentOrElse(
                schema -> plannedOutputs.put(resource.address(), Optional.of(PlannedOutputs.of(desired, schema))),
                () -> plannedOutputs.put(resource.address(), Optional.empty()));
        return new Change.Replace(resource.address(), resource.type(), prior.id(), prior.inputs(), desired, diffs,
                cause, reason, order);
    }

    private Map<String, Object> planOutputs() {
        return PlannedOutputs.ofStack(graph, this::outputsOf);
    }

    private Optional<Map<String, Object>> outputsOf(Address address) {
        return plannedOutputs.getOrDefault(address, Optional.empty());
    }

}
