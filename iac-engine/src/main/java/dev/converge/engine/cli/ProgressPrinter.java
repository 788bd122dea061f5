package dev.converge.engine.cli;

import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.Recovered;
import dev.converge.engine.plan.PlanRenderer;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The command line's view of an operation, in the style of Terraform: the plan, then one line per
 * resource operation ({@code accounts: Still creating... [10s elapsed]}), on standard output; recovery of
 * an interrupted run on standard error. The engine delivers events one at a time.
 */
final class ProgressPrinter implements EngineListener {

    private final CliContext context;
    private final PlanRenderer renderer;

    ProgressPrinter(CliContext context, boolean colour) {
        this.context = context;
        this.renderer = new PlanRenderer(colour);
    }

    @Override
    public void onEvent(EngineEvent event) {
        PrintStream out = context.out();
        switch (event.kind()) {
            case LOCK_TAKEN_OVER -> context.err().println(((EngineEvent.LockTakenOver) event).description());
            case LOCK_ACQUIRED -> {
                // A held lock is reported as an error; taking a free one is not news on a terminal.
            }
            case PLAN_COMPUTED -> out.print(renderer.render(((EngineEvent.PlanComputed) event).plan()));
            case ROLLBACK_PLANNED -> rollbackPlanned((EngineEvent.RollbackPlanned) event);
            case APPLY_STARTED -> out.println();
            case RECOVERY_DONE -> recovered((EngineEvent.RecoveryDone) event);
            case RESOURCE_STARTED -> started((EngineEvent.ResourceStarted) event);
            case RESOURCE_STILL_RUNNING -> stillRunning((EngineEvent.ResourceStillRunning) event);
            case RESOURCE_FINISHED -> finished((EngineEvent.ResourceFinished) event);
            case RESOURCE_FAILED -> failed((EngineEvent.ResourceFailed) event);
            case RESOURCE_RETRIED -> retried((EngineEvent.ResourceRetried) event);
            case CONCURRENCY_CHANGED -> concurrency((EngineEvent.ConcurrencyChanged) event);
            case RESOURCE_SKIPPED, STEP_REACHED, VERIFICATION_RESULT -> {
                // The summary names failed and skipped resources; steps and checks show in the outcome.
            }
            case PROMOTION_STARTED -> promotion((EngineEvent.PromotionStarted) event);
            case DEPLOYMENT_CONTROL_STARTED -> control((EngineEvent.DeploymentControlStarted) event);
        }
        out.flush();
    }

    private void rollbackPlanned(EngineEvent.RollbackPlanned planned) {
        context.out().println("Rolling back stack '" + planned.plan().stack() + "' from serial " + planned.fromSerial()
                + " to serial " + planned.toSerial() + ".");
        planned.dataChanges().forEach(resource -> context.err().println("Warning: " + resource
                + " holds data and is changed by this rollback (--allow-data-changes)"));
        context.out().print(renderer.render(planned.plan()));
    }

    private void recovered(EngineEvent.RecoveryDone done) {
        context.err().println("An earlier run was interrupted; resolving its unfinished steps:");
        for (Recovered step : done.recovered()) {
            context.err().println("  " + step.message());
        }
    }

    private void started(EngineEvent.ResourceStarted started) {
        context.out().println(started.address() + ": " + Texts.of(started.operation()).starting());
    }

    private void stillRunning(EngineEvent.ResourceStillRunning still) {
        context.out().println(still.address() + ": " + Texts.of(still.operation()).still() + " ["
                + still.elapsed().toSeconds() + "s elapsed]");
    }

    private void finished(EngineEvent.ResourceFinished finished) {
        if (finished.operation() == EngineEvent.Operation.RESTART) {
            context.out().println(finished.address() + ": Restart complete.");
            return;
        }
        context.out().println(finished.address() + ": " + Texts.of(finished.operation()).done() + " after "
                + seconds(finished.elapsed()) + (finished.id().isEmpty() ? "" : " [id=" + finished.id() + "]"));
    }

    private void failed(EngineEvent.ResourceFailed failed) {
        if (failed.operation() != EngineEvent.Operation.RESTART) { // a failed restart is reported as the error
            context.out().println(failed.address() + ": failed after " + seconds(failed.elapsed()) + ": "
                    + failed.message());
        }
    }

    private void retried(EngineEvent.ResourceRetried retried) {
        context.out().println(retried.address() + ": Retrying in " + String.format(java.util.Locale.ROOT, "%.1fs",
                retried.backoff().toMillis() / 1000.0) + " (attempt " + retried.attempt() + " failed: "
                + retried.message() + ")");
    }

    private void concurrency(EngineEvent.ConcurrencyChanged changed) {
        // Only the drops: a recovering limit rises by one at a time, a line each would drown the progress.
        if (changed.throttled()) {
            context.out().println(changed.provider() + ": throttled by the backend; at most " + changed.to()
                    + " calls at once (was " + changed.from() + ")");
        }
    }

    private void promotion(EngineEvent.PromotionStarted started) {
        context.out().println("Promoting release " + started.serial() + " of '" + started.fromStack() + "'"
                + (started.commit().isEmpty() ? "" : " (commit " + started.commit().substring(0, 8) + ")")
                + " to '" + started.toStack() + "': " + started.services() + " service(s) verified.");
    }

    private void control(EngineEvent.DeploymentControlStarted started) {
        String verb = started.action() == dev.converge.engine.automation.DeploymentResult.Action.ABORT ? "Aborting"
                : "Promoting";
        context.out().println(started.address() + ": " + verb + " the deployment paused at " + started.pausedAt()
                + "...");
    }

    private static String seconds(Duration elapsed) {
        long millis = elapsed.toMillis();
        return millis < 1000 ? "0s" : (millis / 1000) + "s";
    }

    /** How an operation reads in progress lines. */
    private record Texts(String starting, String still, String done) {
        static Texts of(EngineEvent.Operation operation) {
            return switch (operation) {
                case CREATE -> new Texts("Creating...", "Still creating...", "Creation complete");
                case UPDATE -> new Texts("Modifying...", "Still modifying...", "Modifications complete");
                case DELETE -> new Texts("Destroying...", "Still destroying...", "Destruction complete");
                case FORGET -> new Texts("Forgetting...", "Still forgetting...", "Removed from state");
                case RESTART -> new Texts("Restarting...", "Still restarting...", "Restart complete");
                case READ -> new Texts("Reading...", "Still reading...", "Read complete");
            };
        }
    }
}
