package dev.converge.engine.graph;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.declare.DeclaredReference;
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
    private final List<Address> walk;
    private final List<Address> order;

    private ResourceGraph(Declarations declarations, Graph<Address> graph, List<Address> walk) {
        this.declarations = declarations;
        this.graph = graph;
        this.walk = walk;
        this.order = walk.stream().filter(declarations.resources()::containsKey).toList();
    }

    /**
     * Builds the graph; every dangling reference and a cycle (with its whole path) are returned as
     * diagnostics together, and then no graph is built.
     */
    public static Result build(Declarations declarations) {
        List<Diagnostic> problems = new ArrayList<>();
        GraphBuilder<Address> builder = GraphBuilder.directed();
        declarations.references().keySet().forEach(builder::addNode);
        List<DeclaredResource> nodes = new ArrayList<>(declarations.resources().values());
        nodes.addAll(declarations.lookups().values());
        for (DeclaredResource resource : nodes) {
            builder.addNode(resource.address());
            for (Address dependency : resource.dependencies()) {
                if (!declarations.declares(dependency)) {
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

    /** Every node (resources, lookups and references to other stacks) with every dependency first. */
    public List<Address> walkOrder() {
        return walk;
    }

    /** The declared resource at {@code address}, or null (also for a lookup or a stack reference). */
    public DeclaredResource resource(Address address) {
        return declarations.resource(address);
    }

    /** The declared lookup at {@code address}, or null. */
    public DeclaredResource lookup(Address address) {
        return declarations.lookups().get(address);
    }

    /** The reference to another stack at {@code address}, or null. */
    public DeclaredReference reference(Address address) {
        return declarations.references().get(address);
    }
}
