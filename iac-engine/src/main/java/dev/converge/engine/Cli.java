package dev.converge.engine;

import dev.converge.api.Program;
import dev.converge.engine.cli.CliContext;
import dev.converge.engine.cli.RootCommand;
import dev.converge.spi.Provider;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A ready command line: {@link #run} returns the exit code and never calls {@code System.exit}. */
public final class Cli {

    private final CliContext context;

    Cli(Program program, List<Provider> providers, boolean serviceLoader, Path workDir, PrintStream out,
            PrintStream err, InputStream in, Map<String, String> environment,
            dev.converge.spi.state.StateBackend backend, List<dev.converge.engine.policy.Policy> policies) {
        this.context = new CliContext(program, providers, serviceLoader, workDir, out, err, in, environment, backend,
                policies);
    }

    /**
     * Runs one command such as {@code plan} or {@code apply --auto-approve} and returns its exit code:
     * 0 success, 1 error, 2 changes present ({@code plan --detailed-exitcode}), 130 interrupted.
     */
    public int run(String... args) {
        return RootCommand.execute(context, args);
    }
}
