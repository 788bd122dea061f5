package dev.converge.engine;

import dev.converge.api.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run that cannot go on because of the user's program, configuration, state or environment. Carries
 * every problem found as a {@link Diagnostic}; the CLI prints them and exits with code 1. Nothing has
 * been changed in infrastructure or state when one is thrown before apply starts.
 */
public class ConvergeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public ConvergeException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ConvergeException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public static ConvergeException of(String address, String summary, String detail) {
        return new ConvergeException(Diagnostic.error(address, summary, detail));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
