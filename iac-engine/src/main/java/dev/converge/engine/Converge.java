package dev.converge.engine;

import dev.converge.api.Program;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.automation.StackEngineBuilder;
import dev.converge.spi.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the library: runs a {@link Program} through the command line, or from Java code
 * through the Automation API ({@link #engine}).
 *
 * <pre>{@code public static void main(String[] args) { System.exit(Converge.cli(new MyStack()).run(args)); }}</pre>
 */
public final class Converge {

    private Converge() {
    }

    /** A command line for the program, with providers found by {@link java.util.ServiceLoader}. */
    public static Cli cli(Program program) {
        return builder(program).build();
    }

    /**
     * An engine of the program for one stack, to plan, apply, roll back and more from Java code:
     * {@code Converge.engine(program).stack("prod").listener(events).build()} (see {@link StackEngine}).
     */
    public static StackEngineBuilder engine(Program program) {
        return StackEngine.builder(program);
    }

    public static Builder builder(Program program) {
        return new Builder(program);
    }

    /** Configures a {@link Cli}: explicit providers (tests), the working directory. Not thread-safe. */
    public static final class Builder {
        private final Program program;
        private final List<Provider> providers = new ArrayList<>();
        private Path workDir = Path.of("").toAbsolutePath();
        private boolean serviceLoader = true;
        private java.io.PrintStream out = System.out;
        private java.io.PrintStream err = System.err;
        private java.io.InputStream in = System.in;
        private java.util.Map<String, String> environment = System.getenv();
        private dev.converge.spi.state.StateBackend backend;
        private final List<dev.converge.engine.policy.Policy> policies = new ArrayList<>();

        private Builder(Program program) {
            this.program = program;
        }

        /** Registers a provider explicitly; it wins over one of the same name found by ServiceLoader. */
        public Builder provider(Provider provider) {
            providers.add(provider);
            return this;
        }

        /** Use only explicitly registered providers. */
        public Builder withoutServiceLoader() {
            serviceLoader = false;
            return this;
        }

        /** The directory holding {@code .converge/} state and the per-stack config files. */
        public Builder workDir(Path dir) {
            workDir = dir.toAbsolutePath();
            return this;
        }

        /** Where the command line prints (tests capture it). */
        public Builder output(java.io.PrintStream newOut, java.io.PrintStream newErr) {
            out = newOut;
            err = newErr;
            return this;
        }

        /** Where confirmations are read from. */
        public Builder input(java.io.InputStream newIn) {
            in = newIn;
            return this;
        }

        /** The environment for configuration overrides (defaults to the process environment). */
        public Builder environment(java.util.Map<String, String> newEnvironment) {
            environment = java.util.Map.copyOf(newEnvironment);
            return this;
        }

        /**
         * Where state lives; by default the local directory {@code <workDir>/.converge}. Use an S3 or
         * Kubernetes backend for teams, or a wrapped one in crash tests.
         */
        public Builder stateBackend(dev.converge.spi.state.StateBackend newBackend) {
            backend = newBackend;
            return this;
        }

        /**
         * Policies checked on every plan and apply; a mandatory violation stops the run with exit code 1
         * and lists every violation with its resource address.
         */
        public Builder policies(dev.converge.engine.policy.Policy... more) {
            policies.addAll(List.of(more));
            return this;
        }

        /** As {@link #policies(dev.converge.engine.policy.Policy...)}. */
        public Builder policies(java.util.Collection<? extends dev.converge.engine.policy.Policy> more) {
            policies.addAll(more);
            return this;
        }

        public Cli build() {
            List<Provider> explicit = List.copyOf(providers);
            List<dev.converge.engine.policy.Policy> checked = List.copyOf(policies);
            Path dir = workDir;
            boolean discover = serviceLoader;
            dev.converge.spi.state.StateBackend state = backend;
            java.util.Map<String, String> env = environment;
            return new Cli(() -> StackEngine.builder(program).workDir(dir).providers(explicit).serviceLoader(discover)
                    .stateBackend(state).environment(env).policies(checked), env, out, err, in);
        }
    }
}
