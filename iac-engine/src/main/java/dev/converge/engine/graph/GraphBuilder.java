package dev.converge.engine.graph;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds an immutable {@link Graph}. Not thread-safe; {@link #build} copies, so the builder may be
 * reused.
 */
public final class GraphBuilder<N> {

    private final Map<N, Set<N>> dependencies = new LinkedHashMap<>();

    public static <N> GraphBuilder<N> directed() {
        return new GraphBuilder<>();
    }

    public GraphBuilder<N> addNode(N node) {
        dependencies.computeIfAbsent(node, key -> new LinkedHashSet<>());
        return this;
    }

    /** {@code dependent} depends on {@code dependency}; both become nodes. */
    public GraphBuilder<N> addEdge(N dependent, N dependency) {
        addNode(dependency);
        addNode(dependent).dependencies.get(dependent).add(dependency);
        return this;
    }

    public Graph<N> build() {
        return new ImmutableGraph<>(dependencies);
    }
}
