package dev.converge.engine.deploy;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;
import java.util.Optional;

/**
 * What a deployment reports while its steps run; the engine's façade turns these into its events.
 * Implementations must be thread-safe: several services may deploy at once.
 */
public interface DeploymentEvents {

    /** {@code service}'s deployment carried out {@code step} (and passed its verification, if it has one). */
    void stepReached(Address service, DeploymentStep step);

    /**
     * The verification of {@code service}'s new version at {@code step} ended: passed when {@code failure}
     * is empty, otherwise failed for that reason (traffic then goes back to the stable version).
     */
    void verified(Address service, DeploymentStep step, String version, Optional<String> failure);

    /** Events that go nowhere. */
    static DeploymentEvents none() {
        return new DeploymentEvents() {
            @Override
            public void stepReached(Address service, DeploymentStep step) {
            }

            @Override
            public void verified(Address service, DeploymentStep step, String version, Optional<String> failure) {
            }
        };
    }
}
