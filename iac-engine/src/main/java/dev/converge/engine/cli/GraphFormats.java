package dev.converge.engine.cli;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.graph.ResourceGraph;

/** Renders the resource graph as Graphviz dot or Mermaid text. */
final class GraphFormats {

    private GraphFormats() {
    }

    static String render(ResourceGraph graph, String format) {
        StringBuilder out = new StringBuilder();
        switch (format) {
            case "dot" -> {
                out.append("digraph converge {\n  rankdir = \"RL\";\n");
                for (Address node : graph.order()) {
                    out.append("  \"").append(node).append("\" [label=\"").append(node).append("\\n")
                            .append(graph.resource(node).type()).append("\"];\n");
                    graph.graph().dependencies(node).forEach(dep ->
                            out.append("  \"").append(node).append("\" -> \"").append(dep).append("\";\n"));
                }
                out.append("}\n");
            }
            case "mermaid" -> {
                out.append("graph RL\n");
                for (Address node : graph.order()) {
                    out.append("  ").append(id(node)).append("[\"").append(node).append("<br/>")
                            .append(graph.resource(node).type()).append("\"]\n");
                    graph.graph().dependencies(node).forEach(dep ->
                            out.append("  ").append(id(node)).append(" --> ").append(id(dep)).append('\n'));
                }
            }
            default -> throw ConvergeException.of("", "unknown graph format '" + format + "'", "use dot or mermaid");
        }
        return out.toString();
    }

    private static String id(Address address) {
        return "n" + Integer.toHexString(address.toString().hashCode());
    }
}
