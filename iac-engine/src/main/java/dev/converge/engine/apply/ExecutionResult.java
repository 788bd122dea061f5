package dev.converge.engine.apply;

import dev.converge.api.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * What an apply did.
 *
 * @param failures one diagnostic per failed resource, and one per resource skipped because a
 *     dependency failed
 * @param interrupted the run was cancelled (Ctrl-C) before every change was made
 * @param outputs the stack outputs after apply
 * @param outcomes how each resource the run got to ended, by address (deposed objects under their own)
 */
public record ExecutionResult(int added, int changed, int destroyed, List<Diagnostic> failures, boolean interrupted,
        Map<String, Object> outputs, Map<dev.converge.api.Address, Outcome> outcomes) {

    /** How one resource's change ended. */
    public enum Outcome {
        DONE,
        FAILED,
        /** Not started: a dependency failed, a user of it failed to move on, or the run was cancelled. */
        SKIPPED
    }

    public ExecutionResult {
        failures = List.copyOf(failures);
        outputs = dev.converge.spi.Values.copyOf(outputs);
        outcomes = Map.copyOf(outcomes);
    }

    /** A result of no changes. */
    public static ExecutionResult nothing(Map<String, Object> outputs) {
        return new ExecutionResult(0, 0, 0, List.of(), false, outputs, Map.of());
    }

    public boolean succeeded() {
        return failures.isEmpty() && !interrupted;
    }
}
