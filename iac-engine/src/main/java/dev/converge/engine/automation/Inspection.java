package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.policy.Violation;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.state.StateHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link StackEngine}'s operations that take no lock and change nothing: the program's graph, plans,
 * policy violations, the stored state, its pending steps and history, and the release log. Not thread-safe.
 */
final class Inspection {

    private final Pipeline pipeline;
    private final Events events;

    Inspection(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    ProgramGraph validate() {
        Planner.plan(pipeline.graph(), State.empty(pipeline.settings().stack()), List.of(), pipeline.providers(),
                PlanOptions.normal());
        return graph();
    }

    ProgramGraph graph() {
        ResourceGraph graph = pipeline.graph();
        List<ProgramGraph.Node> nodes = new ArrayList<>();
        for (Address address : graph.order()) {
            DeclaredResource resource = graph.resource(address);
            nodes.add(new ProgramGraph.Node(address, resource.declaration(), resource.dependencies()));
        }
        return new ProgramGraph(nodes);
    }

    Plan plan(PlanRequest request) {
        Plan plan = pipeline.planAgainst(pipeline.state(), request.options()).plan();
        events.emit(new EngineEvent.PlanComputed(plan));
        request.saveTo().ifPresent(file -> SavedPlan.write(file, plan, request.options()));
        return plan;
    }

    List<Violation> violations(PlanRequest request) {
        return pipeline.violations(request.options());
    }

    State state() {
        return pipeline.state();
    }

    List<PendingOperation> pendingOperations() {
        return StateSession.pendingIntents(pipeline.backend(), pipeline.settings().stack(), pipeline.config().asMap())
                .stream().map(intent -> new PendingOperation(intent.sequence(), intent.address(),
                        intent.operation().text(), intent.type(), intent.id())).toList();
    }

    List<StateHistory.Entry> history() {
        return StateSession.history(pipeline.backend(), pipeline.settings().stack(), pipeline.config().asMap());
    }

    boolean forceUnlock(String lockId) {
        return StateSession.forceUnlock(pipeline.backend(), pipeline.settings().stack(), lockId);
    }

    List<Release> releases() {
        return Releases.log(pipeline).list();
    }
}
