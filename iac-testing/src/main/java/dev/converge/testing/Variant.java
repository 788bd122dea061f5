package dev.converge.testing;

import dev.converge.api.Program;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One variant of a program: the program and the stack configuration it runs with. Immutable.
 *
 * @param label shown by jqwik in a falsified sample, such as {@code v2 {accounts.version=1.1}}
 */
public record Variant(String label, Program program, Map<String, String> config) {

    public Variant {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(program, "program");
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }

    public static Variant of(Program program, Map<String, String> config) {
        return new Variant(program.getClass().getSimpleName(), program, config);
    }

    @Override
    public String toString() {
        return label + " " + config;
    }
}
