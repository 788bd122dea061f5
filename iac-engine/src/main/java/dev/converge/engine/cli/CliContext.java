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

    boolean colour(CommonOptions common) {
        return !common.noColor && System.console() != null && !environment.containsKey("NO_COLOR");
    }
}
