package dev.converge.engine.cli;

import dev.converge.api.Diagnostic;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.StackEngineBuilder;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code converge} command and its subcommands. */
@Command(name = "converge", mixinStandardHelpOptions = true, version = "Converge 0.1.0",
        description = "Plan and apply the infrastructure this program declares.",
        commandListHeading = "%nCommands:%n", footer = {"",
        "Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode), 130 interrupted."})
public final class RootCommand implements Runnable {

    private final CliContext context;

    RootCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }

    private static CommandLine stateCommands(CliContext context) {
        CommandLine state = new CommandLine(new StateCommands(context));
        state.addSubcommand("list", new StateCommands.ListCommand(context));
        state.addSubcommand("show", new StateCommands.Show(context));
        state.addSubcommand("rm", new StateCommands.Remove(context));
        state.addSubcommand("mv", new StateCommands.Move(context));
        state.addSubcommand("history", new StateCommands.History(context));
        return state;
    }

    /**
     * Parses {@code args}, runs the command and returns its exit code; prints diagnostics on error. The
     * entry of {@link dev.converge.engine.Cli}.
     *
     * @param engines builders of engines of the program, its providers, working directory, state backend
     *     and policies set; a command sets the stack and its options
     */
    public static int execute(Supplier<StackEngineBuilder> engines, Map<String, String> environment, PrintStream out,
            PrintStream err, InputStream in, String... args) {
        return execute(new CliContext(engines, environment, out, err, in), args);
    }

    private static int execute(CliContext context, String... args) {
        CommandLine root = new CommandLine(new RootCommand(context));
        root.addSubcommand("validate", new PlanCommand.Validate(context));
        root.addSubcommand("plan", new PlanCommand(context));
        root.addSubcommand("apply", new ApplyCommand(context));
        root.addSubcommand("destroy", new ApplyCommand.Destroy(context));
        root.addSubcommand("refresh", new MaintenanceCommands.Refresh(context));
        root.addSubcommand("import", new MaintenanceCommands.Import(context));
        root.addSubcommand("output", new MaintenanceCommands.Output(context));
        root.addSubcommand("graph", new MaintenanceCommands.GraphCommand(context));
        root.addSubcommand("force-unlock", new MaintenanceCommands.ForceUnlock(context));
        ReleaseCommands.register(root, context);
        DeployCommands.register(root, context);
        StepCommands.register(root, context);
        root.addSubcommand("state", stateCommands(context));
        root.setOut(new PrintWriter(context.out(), true));
        root.setErr(new PrintWriter(context.err(), true));
        root.setParameterExceptionHandler((exception, arguments) -> {
            context.err().println("Error: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, context.err());
            context.err().println("Run with --help to see the usage.");
            return 1;
        });
        root.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof ConvergeException problem) {
                printDiagnostics(context, problem);
                return 1;
            }
            if (exception instanceof dev.converge.spi.ProviderException failure) {
                context.err().println("Error: " + failure.getMessage());
                return 1;
            }
            context.err().println("Error: unexpected failure: " + exception);
            exception.printStackTrace(context.err());
            return 1;
        });
        return root.execute(args);
    }

    static void printDiagnostics(CliContext context, ConvergeException problem) {
        for (Diagnostic diagnostic : problem.diagnostics()) {
            context.err().println(diagnostic.render());
        }
        context.err().flush();
    }
}
