package dev.converge.engine.cli;

import dev.converge.api.Diagnostic;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.StackEngineBuilder;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code converge} command: finds the command its arguments name, runs it, and reports what went wrong. */
public final class RootCommand {

    static final String VERSION = "Converge 0.1.0";

    /** Every command, in the order of the usage help; {@link #command} makes each. */
    private static final List<String> COMMANDS = List.of("validate", "plan", "apply", "destroy", "refresh", "import",
            "output", "graph", "force-unlock", "releases", "rollback", "restart", "reconcile", "deploy", "promote",
            "abort", "state");

    private static final String FOOTER = "\nOptions:\n" + Usage.table(List.of(
            new String[] {"-h, --help", "show this help"}, new String[] {"-V, --version", "show the version"}))
            + "\nExit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode), 130 interrupted.\n";

    private RootCommand() {
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
        CliContext context = new CliContext(engines, environment, out, err, in);
        try {
            if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
                out.println(VERSION);
                return 0;
            }
            CommandGroup root = new CommandGroup("Plan and apply the infrastructure this program declares.", COMMANDS,
                    name -> command(name, context), FOOTER);
            return root.execute("converge", List.of(args), out);
        } catch (UsageException problem) {
            err.println("Error: " + problem.getMessage());
            if (!problem.suggestions().isEmpty()) {
                err.println("Did you mean: " + String.join(", ", problem.suggestions()) + "?");
            }
            err.println("Run with --help to see the usage.");
            return 1;
        } catch (ConvergeException problem) {
            printDiagnostics(context, problem);
            return 1;
        } catch (dev.converge.spi.ProviderException failure) {
            err.println("Error: " + failure.getMessage());
            return 1;
        } catch (RuntimeException unexpected) {
            err.println("Error: unexpected failure: " + unexpected);
            unexpected.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command {@code name}, one of {@link #COMMANDS}; only it is made (and its classes loaded). */
    private static CliCommand command(String name, CliContext context) {
        return switch (name) {
            case "validate" -> new PlanCommand.Validate(context);
            case "plan" -> new PlanCommand(context);
            case "apply" -> new ApplyCommand(context);
            case "destroy" -> new ApplyCommand.Destroy(context);
            case "refresh" -> new MaintenanceCommands.Refresh(context);
            case "import" -> new MaintenanceCommands.Import(context);
            case "output" -> new MaintenanceCommands.Output(context);
            case "graph" -> new MaintenanceCommands.GraphCommand(context);
            case "force-unlock" -> new MaintenanceCommands.ForceUnlock(context);
            case "releases" -> new ReleaseCommands.ListReleases(context);
            case "rollback" -> new ReleaseCommands.RollbackCommand(context);
            case "restart" -> new DeployCommands.Restart(context);
            case "reconcile" -> new DeployCommands.Reconcile(context);
            case "deploy" -> new StepCommands.Deploy(context);
            case "promote" -> new StepCommands.Promote(context);
            case "abort" -> new StepCommands.Abort(context);
            case "state" -> StateCommands.group(context);
            default -> throw new IllegalArgumentException("no command named " + name);
        };
    }

    static void printDiagnostics(CliContext context, ConvergeException problem) {
        for (Diagnostic diagnostic : problem.diagnostics()) {
            context.err().println(diagnostic.render());
        }
        context.err().flush();
    }
}
