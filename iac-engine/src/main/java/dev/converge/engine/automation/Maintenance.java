package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import java.util.List;
import java.util.Set;

/**
 * The operations that change state without applying the program: refresh, import, and the edits of
 * {@code state rm}, {@code state mv} and a whole-state write. Each holds the stack's lock. Not thread-safe.
 */
final class Maintenance {

    private final Pipeline pipeline;
    private final Events events;

    Maintenance(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    /** Records what changed outside Converge, without changing any object. */
    RefreshResult refresh() {
        try (StateSession session = pipeline.lock("refresh")) {
            List<Recovered> recovered = ApplyRun.recover(pipeline, session, events);
            Pipeline.Planned planned = pipeline.planAgainst(session.state(), new PlanOptions(Plan.Mode.REFRESH_ONLY,
                    Set.of(), Set.of(), Set.of()));
            events.emit(new EngineEvent.PlanComputed(planned.plan()));
            PlanRecords.drift(session, planned);
            State after = session.commit(session.state().outputs());
            return new RefreshResult(planned.plan(), recovered, after);
        }
    }

    /** Adopts the existing object {@code id} as the declared resource {@code address}. */
    ImportResult importResource(Address address, String id) {
        DeclaredResource declared = pipeline.graph().resource(address);
        if (declared == null) {
            throw ConvergeException.of(address.toString(), "the program declares no resource at this address",
                    "declare it first so Converge knows its type; then import it");
        }
        try (StateSession session = pipeline.lock("import")) {
            ResourceState present = session.state().resource(address);
            if (present != null) {
                throw ConvergeException.of(address.toString(), "already managed (id " + present.id() + ")",
                        "'state rm " + address + "' first to import a different object");
            }
            Provider provider = pipeline.providers().forConfiguration(declared.type(), declared.configuration())
                    .orElseThrow(() -> ConvergeException.of(address.toString(), "no provider " + declared.managedBy()
                            + " for " + declared.type(), "add its module"));
            ImportResponse found = provider.importResource(new ImportRequest(address, declared.type(), id,
                    new Ownership(pipeline.settings().stack(), address)));
            if (!found.exists()) {
                throw ConvergeException.of(address.toString(), "no " + declared.type() + " with id '" + id
                        + "' exists", "check the id (a name or id the provider knows)");
            }
            ResourceState adopted = new ResourceState(address, declared.type(), found.id(), found.inputs(),
                    found.outputs(), declared.dependencies(), declared.declaration().options(), null,
                    declared.configuration());
            State after = session.replace(session.state().withResource(adopted));
            return new ImportResult(adopted, after);
        }
    }

    /** Forgets {@code addresses} without deleting the real objects. */
    State remove(List<Address> addresses) {
        try (StateSession session = pipeline.lock("state rm")) {
            State next = session.state();
            for (Address address : addresses) {
                require(next, address);
                next = next.withoutResource(address);
            }
            return session.replace(next);
        }
    }

    /** Moves the resource at {@code from} to {@code to} in state (after a rename in code). */
    State move(Address from, Address to) {
        try (StateSession session = pipeline.lock("state mv")) {
            State state = session.state();
            ResourceState resource = require(state, from);
            if (state.resource(to) != null) {
                throw ConvergeException.of(to.toString(), "the target address is already in state", "'state rm " + to
                        + "' first, or pick another address");
            }
            return session.replace(state.withoutResource(resource.address()).withResource(resource.withAddress(to)));
        }
    }

    /** Writes {@code state}'s resources and outputs as the stack's next state version. */
    State write(State state) {
        try (StateSession session = pipeline.lock("state write")) {
            State current = session.state();
            return session.replace(new State(current.formatVersion(), current.stack(), current.lineage(),
                    current.serial(), state.resources(), state.outputs()));
        }
    }

    static ResourceState require(State state, Address address) {
        ResourceState resource = state.resource(address);
        if (resource == null) {
            throw ConvergeException.of(address.toString(), "no resource at this address in state",
                    "see 'state list' for the addresses in state");
        }
        return resource;
    }
}
