package dev.converge.engine.automation;

import dev.converge.engine.plan.Drift;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.State;
import java.util.List;

/**
 * What {@link StackEngine#refresh} found and recorded. Immutable.
 *
 * @param plan the refresh-only plan: no changes, the drift found
 * @param state the stack's state afterwards, with the real objects' values
 */
public record RefreshResult(Plan plan, List<Recovered> recovered, State state) {

    public RefreshResult {
        recovered = List.copyOf(recovered);
    }

    /** What changed outside Converge. */
    public List<Drift> drift() {
        return plan.drift();
    }
}
