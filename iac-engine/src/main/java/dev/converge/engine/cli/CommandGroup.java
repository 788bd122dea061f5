package dev.converge.engine.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Commands under one name, such as {@code state list} and {@code state rm}, or the whole command line: the
 * first argument names the command, which is made only then (a run builds just the command it runs).
 */
final class CommandGroup implements CliCommand {

    private final String description;
    private final List<String> names;
    private final Function<String, CliCommand> commands;
    private final String footer;

    /**
     * @param names the commands in the order of the usage help
     * @param commands makes the command of each of the names
     * @param footer the end of the usage help, possibly empty
     */
    CommandGroup(String description, List<String> names, Function<String, CliCommand> commands, String footer) {
        this.description = description;
        this.names = List.copyOf(names);
        this.commands = commands;
        this.footer = footer;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int execute(String path, List<String> args, PrintStream out) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(usage(path));
            return 0;
        }
        String name = args.get(0);
        if (!names.contains(name)) {
            String what = name.startsWith("-") ? "option" : "command";
            throw new UsageException("Unknown " + what + ": '" + name + "'", Suggestions.closest(name, names));
        }
        return commands.apply(name).execute(path + " " + name, args.subList(1, args.size()), out);
    }

    /** The usage help: every command with its description. */
    String usage(String path) {
        List<String[]> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new String[] {name, commands.apply(name).description()});
        }
        return "Usage: " + path + " COMMAND [OPTIONS]\n" + description + "\n\nCommands:\n" + Usage.table(rows)
                + "\nRun '" + path + " COMMAND --help' for a command's options.\n" + footer;
    }
}
