package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;

/**
 * A strategy-managed service whose deployment is paused after {@code step}: {@link StackEngine#promoteDeployment}
 * continues it, {@link StackEngine#abortDeployment} ends it.
 */
public record PausedDeployment(Address address, DeploymentStep step) {
}
