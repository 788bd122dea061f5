package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Drift;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;

/**
 * What a plan found that is recorded in state without any provider call, each as one journal record: the
 * refreshed values of drifted resources, and the declared options and dependencies of unchanged resources
 * whose stored ones differ. Stateless.
 */
final class PlanRecords {

    private PlanRecords() {
    }

    /**
     * Records drift and options of a plan without changes, and commits when something was recorded or the
     * stack has outputs (they may have changed).
     */
    static void settle(StateSession session, Pipeline.Planned planned, ResourceGraph graph) {
        drift(session, planned);
        boolean optionsChanged = options(session, planned, graph);
        Plan plan = planned.plan();
        if (optionsChanged || !plan.drift().isEmpty() || !plan.outputs().isEmpty()) {
            session.commit(plan.outputs());
        }
    }

    /** Persists the refreshed values of drifted resources. */
    static void drift(StateSession session, Pipeline.Planned planned) {
        for (Drift drift : planned.plan().drift()) {
            Address address = drift.address();
            ResourceState refreshed = planned.refreshed().resource(address);
            ResourceState stored = session.state().resource(address);
            if (stored == null) {
                continue;
            }
            long intent = session.begin(address, JournalOperation.REFRESH, stored.type(), stored.id());
            if (refreshed == null) {
                session.recordRemoved(intent, address);
            } else {
                session.recordUpsert(intent, refreshed);
            }
        }
    }

    /**
     * Stores the declared options and dependencies of unchanged resources whose stored ones differ, so
     * that, for example, removing {@code protect()} takes effect on the next apply even when no property
     * changed. Returns whether anything was recorded.
     */
    static boolean options(StateSession session, Pipeline.Planned planned, ResourceGraph graph) {
        boolean recorded = false;
        for (Change change : planned.plan().changes()) {
            ResourceState stored = session.state().resource(change.address());
            DeclaredResource declared = graph.resource(change.address());
            if (change.kind() != Change.Kind.NO_OP || stored == null || declared == null
                    || stored.options().equals(declared.declaration().options())
                    && stored.dependencies().equals(declared.dependencies())) {
                continue;
            }
            long intent = session.begin(change.address(), JournalOperation.OPTIONS, stored.type(), stored.id());
            session.recordUpsert(intent, stored.withDeclared(declared.dependencies(), declared.declaration().options()));
            recorded = true;
        }
        return recorded;
    }
}
