package dev.converge.engine.apply;

import dev.converge.api.Address;
import java.time.Duration;

/** Receives progress of provider operations during apply; implementations must be thread-safe. */
public interface Progress {

    /** An operation ("Creating", "Modifying", "Destroying", ...) started. */
    void started(Address address, Operation operation);

    /** The operation is still running after {@code elapsed}; called about every ten seconds. */
    void stillRunning(Address address, Operation operation, Duration elapsed);

    /** The operation finished; {@code error} is null on success. */
    void finished(Address address, Operation operation, Duration elapsed, String id, String error);

    /**
     * Attempt {@code attempt} of the operation failed with a retryable {@code error}; the next attempt
     * starts after {@code backoff}.
     */
    default void retrying(Address address, Operation operation, int attempt, Duration backoff, String error) {
    }

    /**
     * The number of calls that may run at once against provider {@code provider} changed from {@code from} to
     * {@code to}: lowered because the provider throttled a call ({@code throttled}), or raised again after
     * calls succeeded.
     */
    default void concurrencyChanged(String provider, int from, int to, boolean throttled) {
    }

    /** The planned change of {@code address} was not started: a dependency failed, or the run was cancelled. */
    default void skipped(Address address, String reason) {
    }

    /** Operations as shown to users. */
    enum Operation {
        CREATE("Creating...", "Still creating...", "Creation complete"),
        UPDATE("Modifying...", "Still modifying...", "Modifications complete"),
        DELETE("Destroying...", "Still destroying...", "Destruction complete"),
        FORGET("Forgetting...", "Still forgetting...", "Removed from state"),
        /** Refresh reading objects back before a plan; reported only when a read is retried. */
        READ("Reading...", "Still reading...", "Read complete");

        private final String starting;
        private final String still;
        private final String done;

        Operation(String starting, String still, String done) {
            this.starting = starting;
            this.still = still;
            this.done = done;
        }

        public String starting() {
            return starting;
        }

        public String still() {
            return still;
        }

        public String done() {
            return done;
        }
    }

    /** Progress that goes nowhere, for tests and quiet runs. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void started(Address address, Operation operation) {
            }

            @Override
            public void stillRunning(Address address, Operation operation, Duration elapsed) {
            }

            @Override
            public void finished(Address address, Operation operation, Duration elapsed, String id, String error) {
            }
        };
    }
}
