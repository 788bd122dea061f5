package dev.converge.engine.cli;

import java.io.PrintStream;
import java.util.List;

/** A command of the command line ({@link DeclaredCommand}), or a group of them such as {@code state}. */
interface CliCommand {

    /** One line for the list of commands. */
    String description();

    /**
     * Runs with the arguments after the command's name and returns the exit code.
     *
     * @param path how the command was called, such as {@code converge state show}, for its usage help
     * @param out where the usage help goes
     * @throws UsageException when the arguments do not fit the command
     */
    int execute(String path, List<String> args, PrintStream out);
}
