package dev.converge.engine.automation;

import dev.converge.api.Program;
import dev.converge.engine.policy.Policy;
import dev.converge.spi.Provider;
import dev.converge.spi.state.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures a {@link StackEngine}: {@code Converge.engine(program).stack("prod").listener(events).build()}.
 * Every setting has the command line's default. Not thread-safe; {@link #build()} may be called again for
 * another engine with the same settings.
 */
public final class StackEngineBuilder {

    private final Program program;
    private String stack = "dev";
    private Path workDir = Path.of("").toAbsolutePath();
    private final List<Provider> providers = new ArrayList<>();
    private boolean serviceLoader = true;
    private StateBackend backend;
    private Map<String, String> environment = System.getenv();
    private int parallelism = 16;
    private Duration lockTimeout = Duration.ZERO;
    private boolean refresh = true;
    private final List<Policy> policies = new ArrayList<>();
    private EngineListener listener = EngineListener.none();
    private boolean releaseLog = true;

    StackEngineBuilder(Program program) {
        this.program = Objects.requireNonNull(program, "program");
    }

    /** The stack (environment): its own state and configuration; {@code dev} by default. */
    public StackEngineBuilder stack(String name) {
        stack = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The directory holding {@code .converge/} (local state, releases) and {@code converge.<stack>.properties}. */
    public StackEngineBuilder workDir(Path dir) {
        workDir = dir.toAbsolutePath();
        return this;
    }

    /** Registers providers explicitly; each wins over one of the same name found by ServiceLoader. */
    public StackEngineBuilder providers(Provider... more) {
        providers.addAll(List.of(more));
        return this;
    }

    /** As {@link #providers(Provider...)}. */
    public StackEngineBuilder providers(Collection<? extends Provider> more) {
        providers.addAll(more);
        return this;
    }

    /** Whether providers on the class path are found with {@link java.util.ServiceLoader}; true by default. */
    public StackEngineBuilder serviceLoader(boolean enabled) {
        serviceLoader = enabled;
        return this;
    }

    /**
     * Where state lives: the local directory {@code <workDir>/.converge} by default, or an S3 or Kubernetes
     * backend for teams. The engine does not close a backend passed here.
     */
    public StackEngineBuilder stateBackend(StateBackend newBackend) {
        backend = newBackend;
        return this;
    }

    /** The environment for configuration overrides ({@code CONVERGE_<KEY>}); the process's by default. */
    public StackEngineBuilder environment(Map<String, String> newEnvironment) {
        environment = Map.copyOf(newEnvironment);
        return this;
    }

    /** At most this many provider calls at once; 16 by default. */
    public StackEngineBuilder parallelism(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + calls);
        }
        parallelism = calls;
        return this;
    }

    /** How long a changing operation waits for a held lock; zero (fail at once, naming the holder) by default. */
    public StackEngineBuilder lockTimeout(Duration timeout) {
        lockTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Whether plans read the real objects first; true by default. */
    public StackEngineBuilder refresh(boolean enabled) {
        refresh = enabled;
        return this;
    }

    /** Policies checked on every normal plan; a mandatory violation stops the operation before any change. */
    public StackEngineBuilder policies(Collection<? extends Policy> more) {
        policies.addAll(more);
        return this;
    }

    /** Where the engine's events go; nowhere by default. */
    public StackEngineBuilder listener(EngineListener newListener) {
        listener = Objects.requireNonNull(newListener, "listener");
        return this;
    }

    /**
     * Whether applies, rollbacks and step commands record releases in {@code <workDir>/.converge/releases/}
     * (what {@code releases} lists, {@code rollback} pins and {@code promoteRelease} checks); true by default.
     * Turn it off for runs that leave no files, such as tests against in-memory clouds.
     */
    public StackEngineBuilder releaseLog(boolean enabled) {
        releaseLog = enabled;
        return this;
    }

    /** An engine with these settings; it reads the stack configuration now. */
    public StackEngine build() {
        return new StackEngine(new EngineSettings(program, stack, workDir, providers, serviceLoader, backend,
                environment, parallelism, lockTimeout, refresh, policies, listener, releaseLog));
    }
}
