package dev.converge.engine.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {

    @Option(names = "--stack", defaultValue = "dev", description = "the stack (environment): separate state and config, default ${DEFAULT-VALUE}")
    String stack;

    @Option(names = "--parallelism", defaultValue = "16", description = "at most this many provider calls at once, default ${DEFAULT-VALUE}")
    int parallelism;

    @Option(names = "--lock-timeout", defaultValue = "0s", converter = DurationConverter.class,
            description = "wait this long for a held state lock (e.g. 30s, 2m), default ${DEFAULT-VALUE}")
    Duration lockTimeout;

    @Option(names = "--refresh", defaultValue = "true", arity = "1", description = "read real objects before planning, default ${DEFAULT-VALUE}")
    boolean refresh;

    @Option(names = "--no-color", description = "never colour the output")
    boolean noColor;
}
