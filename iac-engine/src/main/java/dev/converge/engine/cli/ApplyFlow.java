package dev.converge.engine.cli;

import dev.converge.api.Diagnostic;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.Engine;
import dev.converge.engine.apply.ApplyResult;
import dev.converge.engine.apply.PrintingProgress;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanFile;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.engine.state.StateSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared flow of {@code apply} and {@code destroy}: lock, plan, show, confirm, apply, commit,
 * summarise. On Ctrl-C nothing new starts, calls in flight finish, state is saved, exit code 130.
 */
final class ApplyFlow {

    private final CliContext context;
    private final CommonOptions common;

    ApplyFlow(CliContext context, CommonOptions common) {
        this.context = context;
        this.common = common;
    }

    int run(PlanOptions options, Path planFile, boolean autoApprove, String operation) {
        try (Engine engine = context.engine(common)) {
            engine.graph();
            try (StateSession session = engine.lock(operation)) {
                recover(engine, session);
                PlanOptions effective = planFile == null ? options : PlanFile.read(planFile).options();
                Engine.Planned planned = engine.planLocked(session, effective);
                if (planFile != null) {
                    SavedPlanCheck.verify(PlanFile.read(planFile), planned.plan(), planFile);
                }
                Plan plan = planned.plan();
                context.out().print(new PlanRenderer(context.colour(common)).render(plan));
                if (!plan.hasChanges()) {
                    engine.recordDrift(session, planned);
                    boolean optionsChanged = engine.recordOptions(session, planned);
                    if (optionsChanged || !plan.drift().isEmpty() || !plan.outputs().isEmpty()) {
                        session.commit(planned.plan().outputs());
                    }
                    return 0;
                }
                if (planFile == null && !autoApprove && !confirmed(operation)) {
                    return 1;
                }
                return execute(engine, session, planned, operation);
            }
        }
    }

    private int execute(Engine engine, StateSession session, Engine.Planned planned, String operation) {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            context.err().println("\nInterrupt received: starting nothing new, waiting for running operations "
                    + "to finish and saving state...");
            awaitQuietly(finished);
        }, "converge-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        ApplyResult result;
        try {
            context.out().println();
            result = engine.apply(session, planned, new PrintingProgress(context.out()), cancelled);
            ReleaseCommands.recordApply(context, engine, session, result, planned.plan().mode(), operation);
        } finally {
            finished.countDown();
            removeHook(hook);
        }
        return summarise(result, planned.plan().mode());
    }

    private int summarise(ApplyResult result, Plan.Mode mode) {
        for (Diagnostic failure : result.failures()) {
            context.err().println(failure.render());
        }
        String verb = mode == Plan.Mode.DESTROY ? "Destroy" : "Apply";
        if (result.interrupted()) {
            context.err().println(verb + " interrupted: state saved; run the command again to finish.");
            return 130;
        }
        String counts = "Resources: " + result.added() + " added, " + result.changed() + " changed, "
                + result.destroyed() + " destroyed.";
        if (!result.failures().isEmpty()) {
            context.err().println(verb + " failed for " + result.failures().size() + " resource(s). " + counts
                    + " State saved; fix the errors above and apply again.");
            return 1;
        }
        context.out().println("\n" + verb + " complete! " + counts);
        if (mode != Plan.Mode.DESTROY && !result.outputs().isEmpty()) {
            context.out().println("\nOutputs:\n");
            new java.util.TreeMap<>(result.outputs()).forEach((name, value) ->
                    context.out().println(name + " = " + PlanRenderer.value(value)));
        }
        return 0;
    }

    private boolean confirmed(String operation) {
        if (System.console() == null && context.in() == System.in) {
            throw ConvergeException.of("", operation + " needs confirmation, but no terminal is attached",
                    "run it on a terminal to answer the prompt, or pass --auto-approve");
        }
        context.out().print("\nDo you want to perform these actions? Only 'yes' will be accepted.\n  Enter a value: ");
        context.out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            if ("yes".equals(answer == null ? null : answer.strip())) {
                return true;
            }
        } catch (IOException e) {
            throw ConvergeException.of("", "cannot read the confirmation: " + e.getMessage(), "pass --auto-approve");
        }
        context.err().println("\n" + operation + " cancelled: nothing was changed.");
        return false;
    }

    /** Reports a dead holder's lock taken over, and resolves what an interrupted earlier run left unfinished. */
    private void recover(Engine engine, StateSession session) {
        session.takeover().ifPresent(takeover -> context.err().println(takeover.describe()));
        if (session.pendingIntents().isEmpty()) {
            return;
        }
        context.err().println("An earlier run was interrupted; resolving its unfinished steps:");
        for (String line : dev.converge.engine.apply.Recovery.resolve(session, engine.providers(),
                engine.settings().stack())) {
            context.err().println("  " + line);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (Ctrl-C): the hook is running and waits for us.
        }
    }
}
