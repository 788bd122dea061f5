package dev.converge.engine.cli;

import dev.converge.api.Program;
import dev.converge.engine.Engines;
import dev.converge.engine.Engine;
import dev.converge.spi.Provider;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What every command needs: the program, its providers, where to work and where to print. Immutable. */
public record CliContext(Program program, List<Provider> providers, boolean serviceLoader, Path workDir,
        PrintStream out, PrintStream err, InputStream in, Map<String, String> environment,
        dev.converge.spi.state.StateBackend backend, List<dev.converge.engine.policy.Policy> policies) {

    Engine engine(CommonOptions common) {
        return Engines.create(program, new Engine.Settings(common.stack, workDir, common.parallelism,
                common.lockTimeout, common.refresh, environment), providers, serviceLoader, backend).policies(policies);
    }

    /** This context with one more environment variable, as a command line option that maps to a setting. */
    CliContext withEnvironment(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(environment);
        more.put(name, value);
        return new CliContext(program, providers, serviceLoader, workDir, out, err, in, Map.copyOf(more), backend,
                policies);
    }

    boolean colour(CommonOptions common) {
        return !common.noColor && System.console() != null && !environment.containsKey("NO_COLOR");
    }
}
