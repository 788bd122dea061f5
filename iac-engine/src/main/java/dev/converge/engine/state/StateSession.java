package dev.converge.engine.state;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

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
 * <p>Intents of an earlier, crashed run ({@link #pendingIntents}) stay in the journal, across commits,
 * until this or a later session records their outcome with the intent's sequence number.
 *
 * <p>Thread-safe: apply records from many worker threads. A record is written under this session's
 * monitor (which fixes the journal order), and its fsync is awaited after leaving it, so parallel
 * provider calls share one fsync; each record method still returns only once its record is durable.
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

    /** An intent without a completion (a call through {@code configuration}, empty: default) of unknown outcome. */
    public record PendingIntent(long sequence, Address address, JournalOperation operation, String type, String id,
            String configuration) {
    }

    private final StateBackend backend;
    private final String stack;
    private final String where;
    private final SecretKeySource keys;
    private final SessionLock lock;
    private final SessionJournal journal;
    private final List<PendingIntent> pendingAtOpen;
    private final Map<Long, PendingIntent> unresolved;
    /** Stack, lineage, serial and outputs; its resources are kept in {@link #resources} instead. */
    private State base;
    /** Changed in place per record: copying an immutable State each time would make apply quadratic. */
    private final TreeMap<Address, ResourceState> resources;
    /** The last snapshot handed out by {@link #state()}, until the next change. */
    private State snapshot;
    private KeyDerivation kdf;
    private ValueCodec writer;
    private String storedVersion;
    private byte[] storedBytes;
    private long storedSerial;
    /** Below this size a commit rewrites the document; above it, a commit is a journal record. */
    static final int SMALL_DOCUMENT = 1 << 20;
    /** Bytes in the journal since the document was last written: when it grows, commit folds it in. */
    private long journalBytes;
    private long nextSeq;
    private boolean headerWritten;
    private boolean closed;

    private StateSession(StateBackend backend, String stack, SecretKeySource keys, SessionLock lock,
            StateLoader.Loaded loaded) {
        this.backend = backend;
        this.stack = stack;
        this.where = StateLoader.where(backend, stack);
        this.keys = keys;
        this.lock = lock;
        this.journal = new SessionJournal(backend.journal(stack, lock.info()));
        this.unresolved = new TreeMap<>(loaded.pending());
        this.pendingAtOpen = List.copyOf(loaded.pending().values());
        this.base = loaded.state();
        this.resources = new TreeMap<>(loaded.state().resources());
        this.snapshot = loaded.state();
        this.kdf = loaded.kdf();
        this.storedVersion = loaded.stored() == null ? null : loaded.stored().version();
        this.storedBytes = loaded.stored() == null ? null : loaded.stored().bytes();
        this.storedSerial = loaded.storedSerial();
        this.journalBytes = loaded.journalBytes();
        this.nextSeq = loaded.nextSeq();
    }

    /**
     * Reads the current state without taking the lock (for plan, output, state list). A stack that was
     * never written gives {@link State#absent}: serial 0 and an empty lineage.
     *
     * @throws ConvergeException if the state is damaged, of a newer format, of another stack or lineage,
     *     or holds secrets and no key is configured
     */
    public static State load(StateBackend backend, String stack, Map<String, String> settings) {
        return StateLoader.load(backend, stack, SecretKeySource.from(settings)).state();
    }

    /** Intents of crashed runs not yet resolved, without taking the lock (for {@code state list}). */
    public static List<PendingIntent> pendingIntents(StateBackend backend, String stack, Map<String, String> settings) {
        return List.copyOf(StateLoader.load(backend, stack, SecretKeySource.from(settings)).pending().values());
    }

    /**
     * Takes the lock and loads the state. The lock of a dead holder is taken over (see
     * {@link #takeover()}); the journal it left is loaded like any other, so its unfinished steps are
     * {@link #pendingIntents()}. The lease after which a silent holder counts as dead is the
     * {@code lock.lease} setting (default 2 minutes).
     *
     * @throws ConvergeException naming the holder if the lock is held by a live run
     */
    public static StateSession open(StateBackend backend, String stack, Options options) {
        return open(backend, stack, options, LockPolicy.from(options.settings()));
    }

    static StateSession open(StateBackend backend, String stack, Options options, LockPolicy policy) {
        Objects.requireNonNull(options, "options");
        SecretKeySource keys = SecretKeySource.from(options.settings() == null ? Map.of() : options.settings());
        Duration timeout = options.lockTimeout() == null ? Duration.ZERO : options.lockTimeout();
        SessionLock lock = SessionLock.take(backend, stack, options.operation(), timeout, policy);
        try {
            return new StateSession(backend, stack, keys, lock, StateLoader.load(backend, stack, keys));
        } catch (RuntimeException e) {
            lock.release(); // a refused load leaves nothing behind, not even the lock
            throw e;
        }
    }

    /**
     * The current state: the last document with every journal record so far applied. An immutable
     * snapshot, rebuilt (linear in the number of resources) after each change: call it per phase, not
     * per resource.
     */
    public synchronized State state() {
        if (snapshot == null) {
            snapshot = new State(base.formatVersion(), stack, base.lineage(), base.serial(), resources, base.outputs());
        }
        return snapshot;
    }

    /** The lock this session holds. */
    public LockInfo lock() {
        return lock.info();
    }

    /** The dead holder's lock this session took over when it opened, if it did; for the caller to report. */
    public Optional<Takeover> takeover() {
        return lock.takeover();
    }

    /** Intents of an earlier run that never completed, found when this session opened. */
    public List<PendingIntent> pendingIntents() {
        return pendingAtOpen;
    }

    /** Whether a key is configured, so secrets can be written; check before apply if the plan has secrets. */
    public boolean canStoreSecrets() {
        return keys.isConfigured();
    }

    /** Durably records that a provider call is about to start; returns the intent's sequence number. */
    public long begin(Address address, JournalOperation operation, String type, String id) {
        return begin(address, operation, type, id, "");
    }

    /** As {@link #begin(Address, JournalOperation, String, String)}, for a call through a named configuration. */
    public long begin(Address address, JournalOperation operation, String type, String id, String configuration) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(operation, "operation");
        long seq;
        SessionJournal.Durable durable;
        synchronized (this) {
            checkWritable();
            seq = nextSeq;
            durable = append(new JournalRecord.Intent(seq, address, operation, type, id, configuration));
            nextSeq++;
            unresolved.put(seq, new PendingIntent(seq, address, operation, type, id, configuration));
        }
        durable.await();
        return seq;
    }

    /** Durably records that the call succeeded and the resource now looks like {@code resource}. */
    public void recordUpsert(long intent, ResourceState resource) {
        Objects.requireNonNull(resource, "resource");
        complete(intent, new JournalRecord.Upsert(intent, resource), () -> resources.put(resource.address(), resource));
    }

    /** Durably records that the call removed the resource (delete, or forget on retainOnDelete). */
    public void recordRemoved(long intent, Address address) {
        Objects.requireNonNull(address, "address");
        complete(intent, new JournalRecord.Removed(intent, address), () -> resources.remove(address));
    }

    /** Durably records that the call failed and changed nothing that is known. */
    public void recordFailed(long intent, String message) {
        complete(intent, new JournalRecord.Failed(intent, message == null ? "" : message), null);
    }

    /** Writes the outcome of {@code intent} and applies {@code change} (if any) under the monitor, then waits. */
    private void complete(long intent, JournalRecord record, Runnable change) {
        SessionJournal.Durable durable;
        synchronized (this) {
            checkWritable();
            if (!unresolved.containsKey(intent)) {
                throw new IllegalArgumentException("no open intent " + intent + " in " + where
                        + " (already completed, or never begun)");
            }
            durable = append(record);
            unresolved.remove(intent);
            if (change != null) {
                change.run();
                snapshot = null;
            }
        }
        durable.await();
    }

    /**
     * Makes the state so far a new version (serial + 1) with these stack outputs, and returns it. While
     * the journal is small next to the document, this is one journal record, so an apply that changes
     * one resource in a state of 100,000 writes a few kilobytes, not the whole document; once the journal
     * outgrows half the document, the journal is folded into a new document instead. Documents under
     * {@link #SMALL_DOCUMENT} bytes are cheap to write and are rewritten (and archived) on every commit.
     */
    public synchronized State commit(Map<String, Object> outputs) {
        if (storedBytes == null || storedBytes.length < SMALL_DOCUMENT || journalBytes > storedBytes.length / 2L) {
            return replace(state().withOutputs(outputs));
        }
        checkWritable();
        lock.requireStillHolder();
        long next = base.serial() + 1;
        append(new JournalRecord.Commit(next, java.time.Instant.now(), outputs)).await();
        base = new State(base.formatVersion(), stack, base.lineage(), next, Map.of(), outputs);
        snapshot = null;
        return state();
    }

    /**
     * Writes {@code next} as the new document directly (state rm, state mv, import). Its serial is
     * ignored: the written serial is the stored one plus one. Its stack and lineage must be this
     * stack's (a stack that was never written takes {@code next}'s lineage, or a new one).
     */
    public synchronized State replace(State next) {
        Objects.requireNonNull(next, "next");
        checkWritable();
        String lineage = lineageFor(next);
        State written = new State(State.FORMAT_VERSION, stack, lineage, Math.max(storedSerial, base.serial()) + 1,
                next.resources(), next.outputs());
        byte[] bytes = StateCodec.encode(written, keyDerivation(), writer()); // fails before any write
        lock.requireStillHolder();
        if (storedBytes != null) {
            backend.history(stack).archive(storedSerial, storedBytes);
        }
        try {
            String expected = storedVersion;
            storedVersion = lock.fenced(() -> backend.store(stack, lock.info()).write(bytes, expected));
        } catch (StateConflictException e) {
            throw ConvergeException.of("", where + " was changed by someone else while this run held its lock; "
                    + "this run's state was not written", e.getMessage() + ". The journal keeps this run's changes; "
                    + "find out who wrote the state, then run again.");
        }
        storedBytes = bytes;
        storedSerial = written.serial();
        headerWritten = false;
        base = written;
        resources.clear();
        resources.putAll(written.resources());
        snapshot = written;
        if (unresolved.isEmpty()) {
            // Otherwise the unresolved intents must survive; the folded records before them are skipped on load.
            lock.fenced(() -> {
                journal.clear();
                return null;
            });
            journalBytes = 0;
        }
        return written;
    }

    private String lineageFor(State next) {
        if (!next.stack().equals(stack)) {
            throw ConvergeException.of("", "refusing to write the state of stack '" + next.stack() + "' as "
                    + where, "A state belongs to one stack; nothing was written.");
        }
        if (base.exists()) {
            boolean unwrittenAndUnset = storedBytes == null && !next.exists();
            if (!unwrittenAndUnset && !base.lineage().equals(next.lineage())) {
                throw ConvergeException.of("", "refusing to write a state of lineage " + next.lineage() + " over "
                        + where + " (lineage " + base.lineage() + ")",
                        "It comes from another stack or an older copy; nothing was written.");
            }
            return base.lineage();
        }
        String lineage = next.exists() ? next.lineage() : UUID.randomUUID().toString();
        setLineage(lineage);
        return lineage;
    }

    private void setLineage(String lineage) {
        base = new State(State.FORMAT_VERSION, stack, lineage, base.serial(), Map.of(), base.outputs());
        snapshot = null;
    }

    /**
     * Writes {@code record} (after the header, the first time); the result waits until it is durable.
     * A write refused because another run took the lock over stops this session's writing for good.
     */
    private SessionJournal.Durable append(JournalRecord record) {
        return lock.fencedWait(lock.fenced(() -> appendUnfenced(record)));
    }

    private SessionJournal.Durable appendUnfenced(JournalRecord record) {
        if (!headerWritten) {
            if (!base.exists()) {
                setLineage(UUID.randomUUID().toString());
            }
            byte[] header = JournalCodec.encode(new JournalRecord.Header(State.FORMAT_VERSION, stack,
                    base.lineage(), storedSerial, keyDerivation()), writer());
            byte[] encoded = JournalCodec.encode(record, writer()); // a missing key fails before any append
            SessionJournal.Durable durable = journal.write(header, encoded);
            headerWritten = true;
            journalBytes += header.length + encoded.length;
            return durable;
        }
        byte[] encoded = JournalCodec.encode(record, writer());
        SessionJournal.Durable durable = journal.write(encoded);
        journalBytes += encoded.length;
        return durable;
    }

    private KeyDerivation keyDerivation() {
        if (kdf == null) {
            kdf = KeyDerivation.random();
        }
        return kdf;
    }

    private ValueCodec writer() {
        if (writer == null) {
            KeyDerivation derivation = keyDerivation();
            writer = ValueCodec.forWriting(where, keys, derivation);
        }
        return writer;
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("the state session of stack '" + stack + "' is closed");
        }
        lock.requireHeld();
    }

    /** Releases the lock; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lock.release();
    }

    /** Removes the lock whose id is {@code lockId}; returns whether it did. */
    public static boolean forceUnlock(StateBackend backend, String stack, String lockId) {
        return backend.lock(stack).forceRelease(lockId);
    }

    /** Every version {@link #historyVersion} can load, newest first: journal commits, then archived documents. */
    public static List<StateHistory.Entry> history(StateBackend backend, String stack, Map<String, String> settings) {
        return StateVersions.list(backend, stack, settings);
    }

    /** One archived version, decoded ({@code state history --show}); a ConvergeException if it cannot be read. */
    public static State historyVersion(StateBackend backend, String stack, long serial, Map<String, String> settings) {
        return StateVersions.load(backend, stack, serial, settings);
    }

    /** The unresolved intents right now, this session's included (for progress and tests). */
    synchronized List<PendingIntent> unresolvedIntents() {
        return new ArrayList<>(unresolved.values());
    }
}
