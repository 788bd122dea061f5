package dev.converge.engine.cli;

import java.time.Duration;

/** Options every command accepts, read from a command's arguments. */
final class CommonOptions {

    static final OptionSpec[] OPTIONS = {
        OptionSpec.of("--stack", OptionSpec.Kind.TEXT, "NAME", "dev",
                "the stack (environment): separate state and config"),
        OptionSpec.of("--parallelism", OptionSpec.Kind.INT, "N", "16", "at most this many provider calls at once"),
        OptionSpec.of("--lock-timeout", OptionSpec.Kind.DURATION, "DURATION", "0s",
                "wait this long for a held state lock (e.g. 30s, 2m)"),
        OptionSpec.of("--refresh", OptionSpec.Kind.BOOLEAN, "true|false", "true", "read real objects before planning"),
        OptionSpec.flag("--no-color", "never colour the output"),
    };

    String stack;
    int parallelism;
    Duration lockTimeout;
    boolean refresh;
    boolean noColor;

    CommonOptions(Arguments args) {
        stack = args.value("--stack", String.class);
        parallelism = args.value("--parallelism", Integer.class);
        lockTimeout = args.value("--lock-timeout", Duration.class);
        refresh = args.flag("--refresh");
        noColor = args.flag("--no-color");
    }
}
