package dev.converge.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The measurements behind {@link ComplexityBudget}, for teams (and Converge itself) that want to
 * write their own budget tests with explicit, capped exceptions. Pure, except {@link #sourceLines}.
 */
public final class CodeMeasures {

    private CodeMeasures() {
    }

    /** Lines from the first to the last line with code of a method and its lambdas (approximate). */
    public static int methodLines(JavaMethod method) {
        return Metrics.lines(method);
    }

    /** The top-level classes below {@code basePackage} that a class depends on, itself excluded. */
    public static Set<String> classFanOut(JavaClass c, String basePackage) {
        return Metrics.classFanOut(c, basePackage);
    }

    /** {@code stack.add(...)} calls in a method and its lambdas. */
    public static int resourceDeclarations(JavaMethod method) {
        return Metrics.resourceDeclarations(method);
    }

    /** Line counts of every {@code .java} file below {@code sourceRoot}, by path relative to it. */
    public static Map<String, Integer> sourceLines(Path sourceRoot) {
        Map<String, Integer> lines = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                try (Stream<String> text = Files.lines(file)) {
                    lines.put(sourceRoot.relativize(file).toString(), (int) text.count());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sources below " + sourceRoot, e);
        }
        return lines;
    }
}
