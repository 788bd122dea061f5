package dev.converge.engine;

import dev.converge.engine.automation.StackEngineBuilder;
import dev.converge.engine.cli.RootCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A ready command line: {@link #run} returns the exit code and never calls {@code System.exit}. Each command
 * runs on its own {@link dev.converge.engine.automation.StackEngine}, the Automation API.
 */
public final class Cli {

    private final Supplier<StackEngineBuilder> engines;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    Cli(Supplier<StackEngineBuilder> engines, Map<String, String> environment, PrintStream out, PrintStream err,
            InputStream in) {
        this.engines = engines;
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /**
     * Runs one command such as {@code plan} or {@code apply --auto-approve} and returns its exit code:
     * 0 success, 1 error, 2 changes present ({@code plan --detailed-exitcode}), 130 interrupted.
     */
    public int run(String... args) {
        return RootCommand.execute(engines, environment, out, err, in, args);
    }
}
