package dev.converge.engine.graph;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.declare.Declarations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The desired-state graph of a program: declared resources and their dependencies, checked for
 * dangling references and cycles. Immutable.
 */
public final class ResourceGraph {

    private final Declarations declarations;
    private final Graph<Address> graph;
    private final List<Address> order;

    private ResourceGraph(Declarations declarations, Graph<Address> graph, List<Address> order) {
        this.declarations = declarations;
        this.graph = graph;
        this.order = order;
    }

    /**
     * Builds the graph; every dangling reference and a cycle (with its whole path) are returned as
     * diagnostics together, and then no graph is built.
     */
    public static Result build(Declarations declarations) {
        List<Diagnostic> problems = new ArrayList<>();
        GraphBuilder<Address> builder = GraphBuilder.directed();
        for (DeclaredResource resource : declarations.resources().values()) {
            builder.addNode(resource.address());
            for (Address dependency : resource.dependencies()) {
                if (declarations.resource(dependency) == null) {
                    problems.add(Diagnostic.error(resource.address().toString(),
                            "reference to undeclared resource '" + dependency + "'",
                            "declare '" + dependency + "' with stack.add(...) in this program, or remove the reference"));
                } else {
                    builder.addEdge(resource.address(), dependency);
                }
            }
        }
        Graph<Address> graph = builder.build();
        Optional<List<Address>> cycle = graph.findCycle();
        cycle.ifPresent(path -> problems.add(Diagnostic.error(path.get(0).toString(),
                "dependency cycle: " + path.stream().map(Address::toString).collect(Collectors.joining(" -> ")),
                "break the cycle: one of these resources must not reference the next")));
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new ResourceGraph(declarations, graph, graph.topologicalOrder())), List.of());
    }

    /** The graph, or the problems that prevented it. */
    public record Result(Optional<ResourceGraph> graph, List<Diagnostic> problems) {
    }

    public Declarations declarations() {
        return declarations;
    }

    public Graph<Address> graph() {
        return graph;
    }

    /** Declared resources with every dependency first. */
    public List<Address> order() {
        return order;
    }

    public DeclaredResource resource(Address address) {
        return declarations.resource(address);
    }
}
