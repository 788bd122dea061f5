package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.graph.Graph;
import dev.converge.engine.graph.GraphBuilder;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Plans deletes of resources in state that the program no longer declares (or all, on destroy). */
final class DeletePlanner {

    private DeletePlanner() {
    }

    static List<Change> planDeletes(ResourceGraph graph, State state, PlanOptions options, List<Diagnostic> problems,
            Providers providers) {
        boolean destroy = options.mode() == Plan.Mode.DESTROY;
        List<ResourceState> victims = new ArrayList<>();
        for (ResourceState resource : state.resources().values()) {
            if (destroy || graph.resource(resource.address()) == null) {
                victims.add(resource);
            }
        }
        List<Change> deletes = new ArrayList<>();
        for (Address address : reverseDependencyOrder(victims, state)) {
            ResourceState resource = state.resource(address);
            String reason = destroy ? "destroy requested" : "no longer declared in the program";
            if (resource.options().protect() && !resource.options().retainOnDelete()) {
                problems.add(Diagnostic.error(address.toString(), "cannot delete a protected resource (" + reason + ")",
                        destroy ? "remove protect() from it and apply, then destroy; or 'state rm " + address
                                + "' to forget it without deleting"
                                : "declare it again without protect() and apply before removing it; or 'state rm "
                                + address + "' to forget it without deleting"));
                continue;
            }
            if (!resource.options().retainOnDelete()) {
                providers.checkConfigurationOf(resource, "delete").ifPresent(problems::add);
            }
            deletes.add(new Change.Delete(address, resource.type(), resource.id(), resource.inputs(), reason,
                    resource.options().retainOnDelete()));
        }
        return deletes;
    }

    /**
     * The victims with dependents before their dependencies, from the dependencies recorded in state.
     * Only the victims are put in a graph: a plan that deletes nothing costs nothing here.
     */
    static List<Address> reverseDependencyOrder(List<ResourceState> victims, State state) {
        if (victims.isEmpty()) {
            return List.of();
        }
        GraphBuilder<Address> builder = GraphBuilder.directed();
        java.util.Set<Address> doomed = new java.util.HashSet<>();
        victims.forEach(victim -> doomed.add(victim.address()));
        for (ResourceState resource : victims) {
            builder.addNode(resource.address());
            for (Address dependency : resource.dependencies()) {
                if (doomed.contains(dependency)) {
                    builder.addEdge(resource.address(), dependency);
                }
            }
        }
        Graph<Address> graph = builder.build();
        if (graph.findCycle().isPresent()) {
            return victims.stream().map(ResourceState::address).toList();
        }
        List<Address> order = new ArrayList<>(graph.topologicalOrder());
        Collections.reverse(order);
        return order;
    }
}
