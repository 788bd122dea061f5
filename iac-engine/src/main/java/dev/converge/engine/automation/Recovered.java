package dev.converge.engine.automation;

import dev.converge.api.Address;

/**
 * One unfinished step of an interrupted earlier run, resolved before an operation planned anything.
 *
 * @param operation the interrupted journal operation, such as {@code create}
 * @param outcome what was found and done
 * @param message one line for people, such as {@code web: interrupted 'create' had created the object; adopted it}
 */
public record Recovered(Address address, String operation, Outcome outcome, String message) {

    /** What the resolution found. */
    public enum Outcome {
        /** The create had made the object: it was adopted into state. */
        ADOPTED,
        /** The create had made nothing. */
        NOTHING_CREATED,
        /** The object was read again and still exists; state records what it looks like now. */
        STILL_EXISTS,
        /** The object was read again and is gone; it was removed from state. */
        GONE,
        /** The step only changed state; nothing to do. */
        STATE_ONLY,
        /** The provider could not be reached; the step is resolved by a later run. */
        DEFERRED
    }
}
