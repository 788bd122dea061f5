package dev.converge.operator.runner;

import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.plan.PlanRenderer;
import java.io.PrintStream;

/**
 * Prints what a run does, one line per event that matters, to the container's log ({@code kubectl logs}),
 * and remembers a takeover of a dead run's lock for the result. Called by the engine one event at a time.
 */
final class RunLog implements EngineListener {

    private final PrintStream out;
    private volatile String lockTakenOver = "";

    RunLog(PrintStream out) {
        this.out = out;
    }

    String lockTakenOver() {
        return lockTakenOver;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.LockTakenOver takeover) {
            lockTakenOver = takeover.reason();
            line(takeover.description());
        } else if (event instanceof EngineEvent.LockAcquired lock) {
            line("lock of stack " + lock.stack() + " taken for " + lock.operation() + " (" + lock.lock().id() + ")");
        } else if (event instanceof EngineEvent.RecoveryDone recovery) {
            line("resolved " + recovery.recovered().size() + " unfinished step(s) of an interrupted earlier run");
            recovery.recovered().forEach(step -> line("  " + step.message()));
        } else if (event instanceof EngineEvent.PlanComputed computed) {
            line("plan " + Reports.fingerprint(computed.plan()) + ": "
                    + PlanRenderer.summaryLine(computed.plan().summary()));
        } else if (event instanceof EngineEvent.ResourceStarted started) {
            line("  " + started.address() + ": " + started.operation() + " started");
        } else if (event instanceof EngineEvent.ResourceFinished done) {
            line("  " + done.address() + ": " + done.operation() + " done in " + done.elapsed().toMillis() + " ms");
        } else if (event instanceof EngineEvent.ResourceFailed failed) {
            line("  " + failed.address() + ": " + failed.operation() + " FAILED: " + failed.message());
        } else if (event instanceof EngineEvent.ResourceRetried retried) {
            line("  " + retried.address() + ": attempt " + retried.attempt() + " failed, retrying: " + retried.message());
        }
    }
}
