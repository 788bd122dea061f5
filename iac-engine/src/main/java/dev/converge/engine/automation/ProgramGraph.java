package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Declaration;
import java.util.List;

/**
 * The resources a program declares and what each depends on, in dependency order (dependencies first).
 * Immutable.
 */
public record ProgramGraph(List<Node> nodes) {

    /**
     * One declared resource.
     *
     * @param declaration its type, properties (values may be deferred {@link dev.converge.api.Output}s) and options
     * @param dependencies every address it depends on, through references and {@code dependsOn}
     */
    public record Node(Address address, Declaration declaration, List<Address> dependencies) {
        public Node {
            dependencies = List.copyOf(dependencies);
        }

        public String type() {
            return declaration.type();
        }
    }

    public ProgramGraph {
        nodes = List.copyOf(nodes);
    }

    /** How many resources the program declares. */
    public int size() {
        return nodes.size();
    }
}
