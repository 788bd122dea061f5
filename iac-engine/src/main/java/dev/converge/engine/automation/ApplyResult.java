package dev.converge.engine.automation;

import dev.converge.api.Diagnostic;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.State;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What an apply, destroy, deploy, reconcile pass or promotion did. Returned whatever happened once the
 * plan was computed, failures included, with the state as it was committed: failures are data here, not
 * exceptions. Immutable.
 *
 * @param plan the plan computed (and, unless {@link Status#DECLINED}, carried out)
 * @param added objects created, replacements included
 * @param changed objects updated in place
 * @param destroyed objects deleted, replaced ones included
 * @param resources how each planned change ended, in plan order
 * @param failures one diagnostic per failed resource and per resource skipped because of a failure
 * @param outputs the stack outputs afterwards
 * @param recovered unfinished steps of an interrupted earlier run, resolved first
 * @param releaseSerial the serial of the release recorded (applies that changed something); empty otherwise
 * @param paused deployments paused afterwards ({@code pauseAt}), with the step each stopped after
 * @param state the stack's state afterwards
 */
public record ApplyResult(Status status, Plan plan, int added, int changed, int destroyed,
        List<ResourceOutcome> resources, List<Diagnostic> failures, Map<String, Object> outputs,
        List<Recovered> recovered, OptionalLong releaseSerial, List<PausedDeployment> paused, State state) {

    /** How the operation ended. */
    public enum Status {
        /** The plan had no changes; refreshed values and changed options were recorded. */
        NO_CHANGES,
        /** Every change was made. */
        APPLIED,
        /** Some resources failed; the others were changed and state records both. */
        FAILED,
        /** Cancelled: nothing new started, changes in flight finished, state records them. */
        INTERRUPTED,
        /** The {@link Approval} said no: nothing was changed. */
        DECLINED
    }

    public ApplyResult {
        resources = List.copyOf(resources);
        failures = List.copyOf(failures);
        outputs = dev.converge.spi.Values.copyOf(outputs);
        recovered = List.copyOf(recovered);
        paused = List.copyOf(paused);
    }

    /** True when nothing failed, nothing was left undone and the plan was not declined. */
    public boolean succeeded() {
        return status == Status.NO_CHANGES || status == Status.APPLIED;
    }
}
