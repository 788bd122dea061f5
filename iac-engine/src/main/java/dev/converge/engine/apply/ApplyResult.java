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
 */
public record ApplyResult(int added, int changed, int destroyed, List<Diagnostic> failures, boolean interrupted,
        Map<String, Object> outputs) {

    public ApplyResult {
        failures = List.copyOf(failures);
        outputs = dev.converge.spi.Values.copyOf(outputs);
    }

    public boolean succeeded() {
        return failures.isEmpty() && !interrupted;
    }
}
