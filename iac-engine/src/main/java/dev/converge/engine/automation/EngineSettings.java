package dev.converge.engine.automation;

import dev.converge.api.Program;
import dev.converge.engine.policy.Policy;
import dev.converge.spi.Provider;
import dev.converge.spi.state.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link StackEngine.Builder} collected. Immutable.
 *
 * @param providers explicitly registered providers; they win over ServiceLoader's of the same name
 * @param backend where state lives; null for the local directory {@code <workDir>/.converge}
 * @param environment overrides of the stack configuration ({@code CONVERGE_<KEY>}) and the release user
 * @param releaseLog whether operations record releases in, and check the pin of, the stack's release log
 */
record EngineSettings(Program program, String stack, Path workDir, List<Provider> providers, boolean serviceLoader,
        StateBackend backend, Map<String, String> environment, int parallelism, Duration lockTimeout, boolean refresh,
        List<Policy> policies, EngineListener listener, boolean releaseLog) {

    EngineSettings {
        providers = List.copyOf(providers);
        environment = Map.copyOf(environment);
        policies = List.copyOf(policies);
    }

    /** The same settings for another stack of the same program (promotion between stacks). */
    EngineSettings forStack(String other) {
        return new EngineSettings(program, other, workDir, providers, serviceLoader, backend, environment, parallelism,
                lockTimeout, refresh, policies, listener, releaseLog);
    }
}
