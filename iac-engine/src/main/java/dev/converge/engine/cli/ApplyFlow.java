package dev.converge.engine.cli;

import dev.converge.api.Diagnostic;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.PausedDeployment;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.PlanRenderer;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The command-line side of {@code apply}, {@code destroy}, {@code deploy} and the promotion between stacks:
 * an engine that prints progress, a request with the confirmation prompt and Ctrl-C handling, and the
 * result as a summary and an exit code (0 done or nothing to do, 1 failed or declined, 130 interrupted).
 * With {@link #json} the progress, the result and any error are JSON lines on standard output instead
 * ({@link JsonEvents}), and the run needs no prompt: it refuses unless approved up front.
 */
final class ApplyFlow {

    private final CliContext context;
    private final CommonOptions common;
    private ApplyResult result;
    private boolean json;

    ApplyFlow(CliContext context, CommonOptions common) {
        this.context = context;
        this.common = common;
    }

    /** Writes JSON lines instead of text ({@code --json}). */
    ApplyFlow json(boolean on) {
        this.json = on;
        return this;
    }

    /** Runs {@code operation} on an engine of the command's stack. */
    int run(String operation, ApplyRequest request, boolean autoApprove,
            BiFunction<StackEngine, ApplyRequest, ApplyResult> call) {
        return run(common.stack, operation, request, autoApprove, call);
    }

    /** Runs {@code operation} on an engine of {@code stack}. */
    int run(String stack, String operation, ApplyRequest request, boolean autoApprove,
            BiFunction<StackEngine, ApplyRequest, ApplyResult> call) {
        if (json) {
            return runJson(stack, operation, request, autoApprove, call);
        }
        ProgressPrinter printer = new ProgressPrinter(context, context.colour(common));
        result = execute(stack, operation, request, autoApprove, call, printer);
        return summarise(result, operation.equals("destroy"));
    }

    private ApplyResult execute(String stack, String operation, ApplyRequest request, boolean autoApprove,
            BiFunction<StackEngine, ApplyRequest, ApplyResult> call, EngineListener listener) {
        try (Interrupts interrupts = new Interrupts(context);
                StackEngine engine = context.engine(common, stack, event -> {
                    listener.onEvent(event);
                    if (event.kind() == EngineEvent.Kind.APPLY_STARTED) {
                        interrupts.arm();
                    }
                })) {
            return call.apply(engine, request.withApproval(Confirmation.of(context, operation, autoApprove))
                    .withCancellation(interrupts.cancelled()));
        }
    }

    /**
     * The run as JSON lines: its events, then a {@code summary} line, or an {@code error} line for a run that
     * stopped before changing anything (also printed on standard error). Without {@code --auto-approve} or a
     * saved plan it refuses, since a prompt would mix with the lines.
     */
    private int runJson(String stack, String operation, ApplyRequest request, boolean autoApprove,
            BiFunction<StackEngine, ApplyRequest, ApplyResult> call) {
        JsonEvents events = new JsonEvents(context.out(), operation, java.time.Clock.systemUTC());
        try {
            if (!autoApprove && request.savedPlan().isEmpty()) {
                throw ConvergeException.of("", operation + " --json needs --auto-approve or a saved plan",
                        "a prompt cannot share standard output with the JSON lines: pass --auto-approve, or apply "
                                + "a plan saved with 'plan --out FILE' (apply --json FILE)");
            }
            result = execute(stack, operation, request, true, call, events);
        } catch (ConvergeException refused) {
            events.write(events.error(refused.diagnostics()));
            RootCommand.printDiagnostics(context, refused);
            return 1;
        } catch (RuntimeException unexpected) {
            events.write(events.error(List.of(Diagnostic.error("", "unexpected failure: " + unexpected,
                    "see the error output"))));
            throw unexpected;
        }
        int code = exitCode(result);
        result.failures().forEach(failure -> context.err().println(failure.render()));
        events.write(events.summary(result, code));
        return code;
    }

    /** 0 done or nothing to do, 1 failed or declined, 130 interrupted. */
    static int exitCode(ApplyResult result) {
        return switch (result.status()) {
            case NO_CHANGES, APPLIED -> 0;
            case FAILED, DECLINED -> 1;
            case INTERRUPTED -> 130;
        };
    }

    /** The result of the last {@link #run}. */
    ApplyResult result() {
        return result;
    }

    private int summarise(ApplyResult result, boolean destroy) {
        switch (result.status()) {
            case NO_CHANGES:
                return 0;
            case DECLINED:
                return 1;
            default:
                break;
        }
        for (Diagnostic failure : result.failures()) {
            context.err().println(failure.render());
        }
        String verb = destroy ? "Destroy" : "Apply";
        if (result.status() == ApplyResult.Status.INTERRUPTED) {
            context.err().println(verb + " interrupted: state saved; run the command again to finish.");
            return 130;
        }
        String counts = "Resources: " + result.added() + " added, " + result.changed() + " changed, "
                + result.destroyed() + " destroyed.";
        if (result.status() == ApplyResult.Status.FAILED) {
            context.err().println(verb + " failed for " + result.failures().size() + " resource(s). " + counts
                    + " State saved; fix the errors above and apply again.");
            return 1;
        }
        context.out().println("\n" + verb + " complete! " + counts);
        if (!destroy && !result.outputs().isEmpty()) {
            context.out().println("\nOutputs:\n");
            new TreeMap<>(result.outputs()).forEach((name, value) ->
                    context.out().println(name + " = " + PlanRenderer.value(value)));
        }
        return 0;
    }

    /** Lists the paused deployments with the commands that end them. */
    static void printPaused(CliContext context, String stack, ApplyResult result) {
        for (PausedDeployment paused : result.paused()) {
            context.out().println("\n" + paused.address() + ": paused at step " + paused.step()
                    + ". Continue with 'converge promote " + paused.address() + " --stack " + stack
                    + "', or roll back with 'converge abort " + paused.address() + " --stack " + stack + "'.");
        }
    }
}
