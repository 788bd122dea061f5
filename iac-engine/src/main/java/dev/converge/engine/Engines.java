package dev.converge.engine;

import dev.converge.api.Program;
import dev.converge.spi.Provider;
import java.util.List;

/** Creates {@link Engine}s for the command line and the test kit. */
public final class Engines {

    private Engines() {
    }

    public static Engine create(Program program, Engine.Settings settings, List<Provider> providers,
            boolean serviceLoader) {
        return new Engine(program, settings, providers, serviceLoader, null);
    }

    /** With a state backend of the caller's choice instead of the local {@code .converge} directory. */
    public static Engine create(Program program, Engine.Settings settings, List<Provider> providers,
            boolean serviceLoader, dev.converge.spi.state.StateBackend backend) {
        return new Engine(program, settings, providers, serviceLoader, backend);
    }
}
