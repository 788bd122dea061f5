package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.state.State;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --target} and {@code --exclude}. A target (a resource or a component prefix) brings in
 * everything it depends on, so that it can be applied; an exclusion also leaves out everything that
 * depends on the excluded resources, since they could not be applied correctly without them.
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
        Set<Address> included = null;
        if (!options.targets().isEmpty()) {
            Set<Address> roots = matching(known, options.targets());
            included = new HashSet<>(graph.graph().dependencyClosure(roots));
            included.addAll(roots);
        }
        Set<Address> excludedRoots = matching(known, options.excludes());
        Set<Address> excluded = new HashSet<>(graph.graph().dependentClosure(excludedRoots));
        excluded.addAll(excludedRoots);
        Set<Address> keep = included;
        return changes.stream()
                .filter(change -> keep == null || keep.contains(change.address()))
                .filter(change -> !excluded.contains(change.address()))
                .collect(Collectors.toList());
    }

    private static Set<Address> matching(Set<Address> known, Set<Address> prefixes) {
        return known.stream().filter(address -> prefixes.stream().anyMatch(address::startsWith))
                .collect(Collectors.toSet());
    }
}
