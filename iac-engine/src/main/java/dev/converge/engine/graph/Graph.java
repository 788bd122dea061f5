package dev.converge.engine.graph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A directed graph whose edges point from a node to the nodes it depends on. Implementations built by
 * {@link GraphBuilder} are immutable and thread-safe; every view returned is unmodifiable.
 *
 * @param <N> the node type, with value equality
 */
public interface Graph<N> {

    /** Every node, in insertion order. */
    Set<N> nodes();

    /** The nodes {@code node} depends on. */
    Set<N> dependencies(N node);

    /** The nodes that depend on {@code node}. */
    Set<N> dependents(N node);

    /** One cycle as a path that starts and ends at the same node, or empty if the graph is a DAG. */
    Optional<List<N>> findCycle();

    /**
     * Nodes with every dependency before its dependents; ties keep insertion order.
     *
     * @throws IllegalStateException if the graph has a cycle (check {@link #findCycle} first)
     */
    List<N> topologicalOrder();

    /** The nodes reachable from {@code roots} along dependency edges, roots included. */
    Set<N> dependencyClosure(Set<N> roots);

    /** The nodes that reach {@code roots} along dependency edges (their dependents), roots included. */
    Set<N> dependentClosure(Set<N> roots);
}
