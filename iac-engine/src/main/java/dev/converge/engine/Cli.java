package dev.converge.engine;

import dev.converge.api.Program;
import dev.converge.spi.Provider;
import java.nio.file.Path;
import java.util.List;

/** A ready command line: {@link #run} returns the exit code and never calls {@code System.exit}. */
public final class Cli {

    private final Program program;
    private final List<Provider> providers;
    private final boolean serviceLoader;
    private final Path workDir;

    Cli(Program program, List<Provider> providers, boolean serviceLoader, Path workDir) {
        this.program = program;
        this.providers = providers;
        this.serviceLoader = serviceLoader;
        this.workDir = workDir;
    }

    /** Runs one command such as {@code plan}, {@code apply --auto-approve}; returns the exit code. */
    public int run(String... args) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
