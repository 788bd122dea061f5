package dev.converge.examples.automation;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.ResourceOutcome;
import dev.converge.engine.automation.RollbackRequest;
import dev.converge.engine.automation.RollbackResult;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.PlanRenderer;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A release tool on the Automation API, the worked example of docs/automation.md (a test checks that the
 * page shows this code and runs it): it releases any program to a stack, refuses plans that delete
 * anything, reports every resource, and rolls a stack back to its previous release.
 */
public final class ReleaseTool {

    private ReleaseTool() {
    }

    // docs:begin
    /** Releases {@code program} to {@code stack}; true when every change was made (or none was needed). */
    public static boolean release(Program program, String stack, Path workDir, PrintStream log) {
        EngineListener progress = event -> {
            if (event instanceof EngineEvent.ResourceFinished done) {
                log.println("  " + done.address() + ": " + done.operation() + " done");
            } else if (event instanceof EngineEvent.VerificationResult check && !check.passed()) {
                log.println("  " + check.address() + ": " + check.version() + " failed: " + check.detail());
            }
        };
        try (StackEngine engine = Converge.engine(program).stack(stack).workDir(workDir).listener(progress).build()) {
            ApplyResult result = engine.apply(ApplyRequest.normal().withApproval(plan -> {
                log.println("plan: " + PlanRenderer.summaryLine(plan.summary()));
                return plan.summary().destroy() == 0; // deleting is for people, not for this tool
            }));
            for (ResourceOutcome outcome : result.resources()) {
                log.println(outcome.address() + " " + outcome.change() + " " + outcome.status()
                        + outcome.failure().map(problem -> ": " + problem.summary()).orElse(""));
            }
            log.println(result.status() + (result.releaseSerial().isPresent()
                    ? ", release " + result.releaseSerial().getAsLong() : ""));
            return result.succeeded();
        } catch (ConvergeException refused) { // the program, configuration or state is wrong: nothing changed
            refused.diagnostics().forEach(problem -> log.println(problem.render()));
            return false;
        }
    }

    /** Restores the release before the current one and pins {@code stack} to it; true when it succeeded. */
    public static boolean rollBack(Program program, String stack, Path workDir, PrintStream log) {
        try (StackEngine engine = Converge.engine(program).stack(stack).workDir(workDir).build()) {
            RollbackResult rollback = engine.rollback(RollbackRequest.toPrevious());
            log.println("rolled back from serial " + rollback.fromSerial() + " to " + rollback.toSerial()
                    + (rollback.pinned() ? ", pinned" : ""));
            return rollback.succeeded();
        }
    }
    // docs:end
}
