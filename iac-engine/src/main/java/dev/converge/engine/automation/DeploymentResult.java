package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.deploy.DeploymentPhase;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.state.State;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link StackEngine#promoteDeployment} or {@link StackEngine#abortDeployment} did to a paused service.
 * Immutable.
 *
 * @param pausedAt the step it was paused at before
 * @param live the slot serving clients afterwards ({@code blue} or {@code green})
 * @param phase its phase afterwards: {@code STABLE}, or {@code PAUSED} again when the promotion paused anew
 * @param pausedAgainAt the step a promotion paused at again ({@code pauseAt}); empty otherwise
 * @param failures why a promotion failed (a failed verification: traffic is back on the stable version)
 * @param releaseSerial the serial of the release recorded
 * @param state the stack's state afterwards
 */
public record DeploymentResult(Address address, Action action, DeploymentStep pausedAt, String live,
        DeploymentPhase phase, Optional<DeploymentStep> pausedAgainAt, List<Diagnostic> failures,
        List<Recovered> recovered, OptionalLong releaseSerial, State state) {

    /** What was done to the paused deployment. */
    public enum Action {
        /** Continued through its remaining verified steps. */
        PROMOTE,
        /** Ended: all traffic back on the stable version, the new version deleted. */
        ABORT
    }

    public DeploymentResult {
        failures = List.copyOf(failures);
        recovered = List.copyOf(recovered);
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
