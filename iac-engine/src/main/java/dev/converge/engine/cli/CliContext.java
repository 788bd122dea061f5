package dev.converge.engine.cli;

import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.automation.StackEngineBuilder;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every command needs: engines of the program (its providers, working directory, state backend and
 * policies already set), the environment, and where to print and read. Immutable.
 */
record CliContext(Supplier<StackEngineBuilder> engines, Map<String, String> environment, PrintStream out,
        PrintStream err, InputStream in) {

    /** An engine of {@code stack} with the command's options, reporting to {@code listener}. */
    StackEngine engine(CommonOptions common, String stack, EngineListener listener) {
        return engines.get().stack(stack).parallelism(common.parallelism).lockTimeout(common.lockTimeout)
                .refresh(common.refresh).listener(listener).build();
    }

    /** An engine of the command's stack that reports nothing. */
    StackEngine engine(CommonOptions common) {
        return engine(common, common.stack, EngineListener.none());
    }

    /** An engine of the command's stack that prints progress the way {@code apply} does. */
    StackEngine printingEngine(CommonOptions common) {
        return engine(common, common.stack, new ProgressPrinter(this, colour(common)));
    }

    boolean colour(CommonOptions common) {
        return !common.noColor && System.console() != null && !environment.containsKey("NO_COLOR");
    }
}
