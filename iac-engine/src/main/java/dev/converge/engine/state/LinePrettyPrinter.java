package dev.converge.engine.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/**
 * Puts each top-level field and each element of a top-level array (each resource) on its own line and
 * writes everything inside compactly: small and fast for 100,000 resources, yet line-oriented, so a
 * diff of two versions shows the resources that changed.
 */
final class LinePrettyPrinter extends MinimalPrettyPrinter {

    private static final long serialVersionUID = 1L;

    private static int depth(JsonGenerator gen) {
        return gen.getOutputContext().getNestingDepth();
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        if (depth(gen) == 1) {
            gen.writeRaw("\n  ");
        }
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(depth(gen) == 1 ? ",\n  " : ",");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(depth(gen) == 1 ? ": " : ":");
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int entries) throws IOException {
        gen.writeRaw(depth(gen) == 1 ? "\n}" : "}");
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        if (depth(gen) == 2) {
            gen.writeRaw("\n    ");
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(depth(gen) == 2 ? ",\n    " : ",");
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int values) throws IOException {
        gen.writeRaw(depth(gen) == 2 && values > 0 ? "\n  ]" : "]");
    }
}
