package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.plan.Change;
import java.util.Optional;

/**
 * How the planned change of one resource ended.
 *
 * @param change the kind of change the plan had for it
 * @param status whether it was made
 * @param id the id of the resource's object after the change; empty when it has none (deleted, not made)
 * @param failure why it failed or was skipped; empty when it succeeded or the run was cancelled first
 */
public record ResourceOutcome(Address address, Change.Kind change, Status status, Optional<String> id,
        Optional<Diagnostic> failure) {

    /** Whether a change was made. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        /** Not started: a dependency failed, a resource still using it failed to change, or the run was cancelled. */
        SKIPPED
    }
}
