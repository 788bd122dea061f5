package dev.converge.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The adjacency-set graph behind {@link GraphBuilder}; every operation is linear in nodes plus edges. */
final class ImmutableGraph<N> implements Graph<N> {

    private final Map<N, Set<N>> dependencies;
    private final Map<N, Set<N>> dependents;

    ImmutableGraph(Map<N, Set<N>> source) {
        Map<N, Set<N>> deps = new LinkedHashMap<>();
        Map<N, Set<N>> reverse = new LinkedHashMap<>();
        source.keySet().forEach(node -> reverse.put(node, new LinkedHashSet<>()));
        source.forEach((node, targets) -> {
            deps.put(node, Collections.unmodifiableSet(new LinkedHashSet<>(targets)));
            targets.forEach(target -> reverse.get(target).add(node));
        });
        reverse.replaceAll((node, set) -> Collections.unmodifiableSet(set));
        this.dependencies = Collections.unmodifiableMap(deps);
        this.dependents = Collections.unmodifiableMap(reverse);
    }

    @Override
    public Set<N> nodes() {
        return dependencies.keySet();
    }

    @Override
    public Set<N> dependencies(N node) {
        return dependencies.getOrDefault(node, Set.of());
    }

    @Override
    public Set<N> dependents(N node) {
        return dependents.getOrDefault(node, Set.of());
    }

    @Override
    public Optional<List<N>> findCycle() {
        Map<N, Integer> color = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (N start : nodes()) {
            if (color.containsKey(start)) {
                continue;
            }
            Optional<List<N>> cycle = walkFrom(start, color);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    /** Iterative depth-first search, so deep graphs cannot overflow the stack. */
    private Optional<List<N>> walkFrom(N start, Map<N, Integer> color) {
        Deque<N> path = new ArrayDeque<>();
        Deque<java.util.Iterator<N>> pending = new ArrayDeque<>();
        path.push(start);
        pending.push(dependencies(start).iterator());
        color.put(start, 1);
        while (!path.isEmpty()) {
            java.util.Iterator<N> next = pending.peek();
            if (!next.hasNext()) {
                color.put(path.pop(), 2);
                pending.pop();
                continue;
            }
            N target = next.next();
            Integer seen = color.get(target);
            if (seen == null) {
                color.put(target, 1);
                path.push(target);
                pending.push(dependencies(target).iterator());
            } else if (seen == 1) {
                List<N> cycle = new ArrayList<>();
                List<N> inOrder = new ArrayList<>(path);
                Collections.reverse(inOrder);
                cycle.addAll(inOrder.subList(inOrder.indexOf(target), inOrder.size()));
                cycle.add(target);
                return Optional.of(cycle);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<N> topologicalOrder() {
        Map<N, Integer> waiting = new HashMap<>();
        Deque<N> ready = new ArrayDeque<>();
        for (N node : nodes()) {
            int count = dependencies(node).size();
            waiting.put(node, count);
            if (count == 0) {
                ready.add(node);
            }
        }
        List<N> order = new ArrayList<>(nodes().size());
        while (!ready.isEmpty()) {
            N node = ready.poll();
            order.add(node);
            for (N dependent : dependents(node)) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() != nodes().size()) {
            throw new IllegalStateException("graph has a cycle: " + findCycle().orElse(List.of()));
        }
        return Collections.unmodifiableList(order);
    }

    @Override
    public Set<N> dependencyClosure(Set<N> roots) {
        return closure(roots, dependencies);
    }

    @Override
    public Set<N> dependentClosure(Set<N> roots) {
        return closure(roots, dependents);
    }

    private Set<N> closure(Set<N> roots, Map<N, Set<N>> edges) {
        Set<N> seen = new HashSet<>();
        Deque<N> todo = new ArrayDeque<>();
        for (N root : roots) {
            if (edges.containsKey(root) && seen.add(root)) {
                todo.add(root);
            }
        }
        while (!todo.isEmpty()) {
            for (N next : edges.get(todo.poll())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return Collections.unmodifiableSet(seen);
    }
}
