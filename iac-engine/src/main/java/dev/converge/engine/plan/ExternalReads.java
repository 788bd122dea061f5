package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Output;
import dev.converge.engine.declare.DeclaredReference;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaChecks;
import dev.converge.spi.Values;
import dev.converge.spi.state.StateBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of a plan that leave the engine: lookups of objects Converge does not manage, through their
 * providers, and the last written states of other stacks ({@link StackReads}). Nothing is cached: every
 * plan reads again. A read that cannot give exactly one answer is a {@link Diagnostic} naming the read
 * and its filter. Thread-safe.
 */
public final class ExternalReads {

    private final Providers providers;
    private final StackReads stacks;

    private ExternalReads(Providers providers, StackReads stacks) {
        this.providers = providers;
        this.stacks = stacks;
    }

    /**
     * Reads that check filters and references but read nothing: every read is deferred and its outputs
     * unknown. For validation, which must not touch real systems.
     */
    public static ExternalReads deferred(Providers providers) {
        return new ExternalReads(providers, null);
    }

    /**
     * Reads that look objects up through {@code providers} and read other stacks' states from their
     * backends, {@code backend} being this stack's own, decrypted with the key of this stack's
     * {@code settings}.
     */
    public static ExternalReads live(Providers providers, StateBackend backend, String stack,
            Map<String, String> settings) {
        return new ExternalReads(providers, new StackReads(backend, stack, settings));
    }

    /**
     * The planned read of the lookup or stack reference at {@code address} of {@code graph}, filters resolved
     * with {@code resolver}; problems go to {@code problems}, among them a managed object of {@code state} at
     * the same address.
     */
    Change.Read plan(Address address, ResourceGraph graph, State state, Output.Resolver resolver,
            List<Diagnostic> problems) {
        DeclaredResource lookup = graph.lookup(address);
        Change.Read read = lookup != null ? planLookup(lookup, resolver, problems)
                : planReference(graph.reference(address), problems);
        ResourceState managed = state.resource(address);
        if (managed != null) {
            problems.add(Diagnostic.error(address.toString(), "is declared as a " + (lookup != null ? "lookup"
                    : "stack reference") + ", but state manages a " + managed.type() + " (id " + managed.id()
                    + ") at this address", "to stop managing the object and only read it, run 'state rm " + address
                    + "' first (the object stays); or give the lookup another name"));
        }
        return read;
    }

    /** What the dependents of a read ({@link Change.Read}) see: what it read, with its id; unknown while deferred. */
    static Map<String, Object> seenByDependents(Change change) {
        Change.Read read = (Change.Read) change;
        return read.deferred() ? PlannedOutputs.unknown() : new OutputsWithId(read.outputs(), read.id());
    }

    /** The planned read of {@code lookup}, its filter resolved with {@code resolver}; problems go to {@code problems}. */
    private Change.Read planLookup(DeclaredResource lookup, Output.Resolver resolver, List<Diagnostic> problems) {
        Address address = lookup.address();
        String type = lookup.type();
        Optional<ResourceSchema> schema = schemaOf(address, type, problems);
        if (schema.isEmpty()) {
            return deferredRead(address, type, Map.of());
        }
        Map<String, Object> filter = InputResolver.resolve(lookup.declaration().properties(), schema.get(), resolver);
        List<Diagnostic> invalid = SchemaChecks.validate(schema.get(), address, filter);
        problems.addAll(invalid);
        if (stacks == null || !invalid.isEmpty() || Values.containsUnknown(filter)) {
            return deferredRead(address, type, filter);
        }
        Found found = find(lookup, schema.get(), filter);
        found.problem().ifPresent(problems::add);
        return found.read().orElseGet(() -> deferredRead(address, type, filter));
    }

    /** The planned read of another stack's outputs; problems go to {@code problems}. */
    private Change.Read planReference(DeclaredReference reference, List<Diagnostic> problems) {
        return stacks == null ? deferredRead(reference.address(), dev.converge.api.StackReference.TYPE,
                Map.of("stack", reference.stack()))
                : stacks.read(reference, problems);
    }

    /**
     * Looks {@code lookup} up now, during apply, with its filter resolved against what apply knows: the
     * read, or the problem naming the lookup.
     */
    public Found lookupNow(DeclaredResource lookup, Output.Resolver resolver) {
        ResourceSchema schema = providers.require(lookup.type()).lookupSchema(lookup.type()).orElseThrow();
        Map<String, Object> filter = InputResolver.resolve(lookup.declaration().properties(), schema, resolver);
        if (Values.containsUnknown(filter)) {
            return Found.problem(Diagnostic.error(lookup.address().toString(), "the filter of lookup " + lookup.type()
                    + " is still unknown after its dependencies were applied", "check the resources it depends on"));
        }
        return find(lookup, schema, filter);
    }

    /** What one lookup found: the read, or the problem that names it. */
    public record Found(Optional<Change.Read> read, Optional<Diagnostic> problem) {
        static Found problem(Diagnostic problem) {
            return new Found(Optional.empty(), Optional.of(problem));
        }
    }

    /** Asks the provider configuration of {@code lookup} (its own, its component's or the default one). */
    private Found find(DeclaredResource lookup, ResourceSchema schema, Map<String, Object> filter) {
        Address address = lookup.address();
        String type = lookup.type();
        Provider provider = providers.require(type, lookup.configuration());
        String where = "lookup " + type + " (" + PlanRenderer.filterText(filter) + ")";
        LookupResponse response;
        try {
            response = provider.lookup(new LookupRequest(address, type, Values.revealMap(filter)));
        } catch (ProviderException e) {
            return Found.problem(Diagnostic.error(address.toString(), where + " failed: " + e.getMessage(),
                    "fix the filter or the connection to the provider, then plan again"));
        }
        List<LookupResponse.Match> matches = response.matches();
        if (matches.isEmpty()) {
            return Found.problem(Diagnostic.error(address.toString(), where + " found no object",
                    "Converge looks this object up but never creates it: create it outside this stack (or apply the "
                            + "stack that manages it), or change the filter so that it matches one object"));
        }
        if (matches.size() > 1) {
            return Found.problem(Diagnostic.error(address.toString(), where + " matched " + matches.size()
                    + " objects (" + String.join(", ", matches.stream().map(LookupResponse.Match::id).toList()) + ")",
                    "a lookup must match exactly one object: narrow the filter (a tag, a name or an id) so that "
                            + "only one matches"));
        }
        LookupResponse.Match match = matches.get(0);
        Map<String, Object> outputs = InputResolver.markSecrets(match.outputs(), Map.of(), schema);
        return new Found(Optional.of(new Change.Read(address, type, match.id(), filter, outputs, 0, false)),
                Optional.empty());
    }

    private Optional<ResourceSchema> schemaOf(Address address, String type, List<Diagnostic> problems) {
        Optional<Diagnostic> missing = providers.checkProvider(address.toString(), type);
        if (missing.isPresent()) {
            problems.add(missing.get());
            return Optional.empty();
        }
        Provider provider = providers.require(type);
        Optional<ResourceSchema> schema = provider.lookupSchema(type);
        if (schema.isEmpty()) {
            List<String> known = Provider.typeNames(provider.lookupSchemas());
            problems.add(Diagnostic.error(address.toString(), "unknown lookup type " + type, "provider '"
                    + provider.name() + "' looks up: " + (known.isEmpty() ? "nothing" : String.join(", ", known))));
        }
        return schema;
    }

    static Change.Read deferredRead(Address address, String type, Map<String, Object> filter) {
        return new Change.Read(address, type, "", filter, Map.of(), 0, true);
    }
}
