package dev.converge.engine.state;

import dev.converge.api.Address;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A locked, journaled view of one stack's state for a run that changes it.
 *
 * <p>Opening takes the stack's lock (waiting up to the lock timeout), loads the last written document,
 * checks its integrity and replays the journal on top. During apply every provider call is bracketed
 * by {@link #begin} (a durable intent) and one of {@link #recordUpsert}, {@link #recordRemoved} or
 * {@link #recordFailed}; each costs a journal append the size of one resource, never a rewrite of the
 * whole document. {@link #commit} folds the journal into a new document (serial + 1), archives the
 * previous one in history and clears the journal. {@link #close} releases the lock.
 *
 * <p>Thread-safe: apply records from many worker threads.
 */
public final class StateSession implements AutoCloseable {

    /**
     * How to open a session.
     *
     * @param operation the command, recorded in the lock (such as {@code apply})
     * @param lockTimeout how long to wait for a held lock; zero fails at once with the holder
     * @param settings the stack configuration, for the secrets key ({@code secrets.passphrase},
     *     {@code secrets.keyFile}) and overrides from the environment
     */
    public record Options(String operation, Duration lockTimeout, Map<String, String> settings) {
    }

    /** An intent found in the journal without a completion: a call whose outcome is unknown. */
    public record PendingIntent(long sequence, Address address, String operation, String type, String id) {
    }

    private StateSession() {
    }

    /** Reads the current state without taking the lock (for plan, output, state list). */
    public static State load(StateBackend backend, String stack, Map<String, String> settings) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Takes the lock and loads the state; throws a ConvergeException naming the holder if it is held. */
    public static StateSession open(StateBackend backend, String stack, Options options) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The current state: the last document with every journal record so far applied. */
    public State state() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Intents of an earlier run that never completed, found when this session opened. */
    public List<PendingIntent> pendingIntents() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Durably records that a provider call is about to start; returns the intent's sequence number. */
    public long begin(Address address, String operation, String type, String id) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Durably records that the call succeeded and the resource now looks like {@code resource}. */
    public void recordUpsert(long intent, ResourceState resource) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Durably records that the call removed the resource (delete, or forget on retainOnDelete). */
    public void recordRemoved(long intent, Address address) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Durably records that the call failed and changed nothing that is known. */
    public void recordFailed(long intent, String message) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Folds the journal into a new document with these stack outputs; returns the written state. */
    public State commit(Map<String, Object> outputs) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Writes {@code next} as the new document directly (state rm, state mv, import). */
    public State replace(State next) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Releases the lock; safe to call twice. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Removes the lock whose id is {@code lockId}; returns whether it did. */
    public static boolean forceUnlock(StateBackend backend, String stack, String lockId) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The archived versions, newest first. */
    public static List<StateHistory.Entry> history(StateBackend backend, String stack) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
