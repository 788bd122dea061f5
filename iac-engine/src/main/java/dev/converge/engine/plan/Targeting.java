package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.engine.graph.Graph;
import dev.converge.engine.graph.GraphBuilder;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --target} and {@code --exclude}. A target (a resource or a component prefix) brings in
 * everything it depends on, so that it can be applied; an exclusion also leaves out everything that
 * depends on the excluded resources, since they could not be applied correctly without them. On
 * destroy the directions flip: a target brings in its dependents, an exclusion keeps its dependencies.
 */
final class Targeting {

    private Targeting() {
    }

    static List<Change> select(List<Change> changes, ResourceGraph graph, State state, PlanOptions options) {
        if (!options.isTargeted()) {
            return changes;
        }
        Set<Address> known = new HashSet<>(graph.declarations().resources().keySet());
        known.addAll(state.resources().keySet());
        // Destroying runs the other way: a target takes its dependents with it (they cannot outlive
        // it), and an excluded resource keeps what it depends on. Deletes follow the state's edges.
        boolean destroy = options.mode() == Plan.Mode.DESTROY;
        Graph<Address> edges = destroy ? stateGraph(state) : graph.graph();
        Set<Address> included = null;
        if (!options.targets().isEmpty()) {
            Set<Address> roots = matching(known, options.targets());
            included = new HashSet<>(destroy ? edges.dependentClosure(roots) : edges.dependencyClosure(roots));
            included.addAll(roots);
        }
        Set<Address> excludedRoots = matching(known, options.excludes());
        Set<Address> excluded = new HashSet<>(destroy ? edges.dependencyClosure(excludedRoots)
                : edges.dependentClosure(excludedRoots));
        excluded.addAll(excludedRoots);
        Set<Address> keep = included;
        return changes.stream()
                .filter(change -> keep == null || keep.contains(change.address()))
                .filter(change -> !excluded.contains(change.address()))
                .collect(Collectors.toList());
    }

    private static Graph<Address> stateGraph(State state) {
        GraphBuilder<Address> builder = GraphBuilder.directed();
        for (ResourceState resource : state.resources().values()) {
            builder.addNode(resource.address());
            resource.dependencies().stream().filter(dep -> state.resource(dep) != null)
                    .forEach(dep -> builder.addEdge(resource.address(), dep));
        }
        return builder.build();
    }

    private static Set<Address> matching(Set<Address> known, Set<Address> prefixes) {
        return known.stream().filter(address -> prefixes.stream().anyMatch(address::startsWith))
                .collect(Collectors.toSet());
    }
}
