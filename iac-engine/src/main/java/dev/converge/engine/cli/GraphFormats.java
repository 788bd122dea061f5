package dev.converge.engine.cli;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ProgramGraph;

/** Renders the resource graph as Graphviz dot or Mermaid text. */
final class GraphFormats {

    private GraphFormats() {
    }

    static String render(ProgramGraph graph, String format) {
        StringBuilder out = new StringBuilder();
        switch (format) {
            case "dot" -> {
                out.append("digraph converge {\n  rankdir = \"RL\";\n");
                for (ProgramGraph.Node node : graph.nodes()) {
                    out.append("  \"").append(node.address()).append("\" [label=\"").append(node.address())
                            .append("\\n").append(node.type()).append("\"];\n");
                    node.dependencies().forEach(dep -> out.append("  \"").append(node.address()).append("\" -> \"")
                            .append(dep).append("\";\n"));
                }
                out.append("}\n");
            }
            case "mermaid" -> {
                out.append("graph RL\n");
                for (ProgramGraph.Node node : graph.nodes()) {
                    out.append("  ").append(id(node.address())).append("[\"").append(node.address()).append("<br/>")
                            .append(node.type()).append("\"]\n");
                    node.dependencies().forEach(dep ->
                            out.append("  ").append(id(node.address())).append(" --> ").append(id(dep)).append('\n'));
                }
            }
            default -> throw ConvergeException.of("", "unknown graph format '" + format + "'", "use dot or mermaid");
        }
        return out.toString();
    }

    private static String id(dev.converge.api.Address address) {
        return "n" + Integer.toHexString(address.toString().hashCode());
    }
}
