package dev.converge.engine.cli;

import java.io.PrintStream;
import java.util.List;

/** A command whose options and parameters its {@link CommandSpec} declares; it runs on their parsed values. */
abstract class DeclaredCommand implements CliCommand {

    /** What the command works with: engines, the environment, where to print. */
    final CliContext context;
    private final CommandSpec spec;

    /** @param spec what the command accepts; a constant of the command's class */
    DeclaredCommand(CliContext context, CommandSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    /** Runs the command; its exit code. */
    abstract int run(Arguments args);

    CommandSpec spec() {
        return spec;
    }

    @Override
    public String description() {
        return spec.description();
    }

    @Override
    public final int execute(String path, List<String> args, PrintStream out) {
        Arguments arguments = spec.parse(args);
        if (arguments.helpRequested()) {
            out.print(spec.usage(path));
            return 0;
        }
        return run(arguments);
    }
}
