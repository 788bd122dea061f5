package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.api.Address;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds journal records onto a loaded document. Records after a header whose serial equals the
 * document's are live and applied; records after an older header were already folded into the
 * document by a commit that crashed before clearing the journal, so only their intents count. A
 * header newer than the document, or of another stack or lineage, is refused. Not thread-safe; one
 * instance per load.
 */
final class JournalReplay {

    private final String stack;
    private final String where;
    private final SecretKeySource keys;
    private final boolean documentPresent;
    private final long documentSerial;
    private final Map<Long, StateSession.PendingIntent> pending = new TreeMap<>();
    /** Built up in place: copying an immutable State per record would make replay quadratic. */
    private final TreeMap<Address, ResourceState> resources;
    private State state;
    private KeyDerivation kdf;
    private ValueCodec values;
    private boolean live;
    private boolean seenHeader;
    private long maxSeq;
    private long bytes;
    private long stopAfter = Long.MAX_VALUE;
    private boolean stopped;
    private final List<JournalRecord.Commit> commits = new java.util.ArrayList<>();

    JournalReplay(String stack, String where, SecretKeySource keys, StateCodec.Document document) {
        this.stack = stack;
        this.where = where;
        this.keys = keys;
        this.documentPresent = document != null;
        this.state = document != null ? document.state() : State.absent(stack);
        this.resources = new TreeMap<>(state.resources());
        this.documentSerial = state.serial();
        this.kdf = document != null ? document.keyDerivation() : null;
        this.values = codecFor(kdf);
    }

    private ValueCodec codecFor(KeyDerivation derivation) {
        return ValueCodec.of(where, keys, derivation);
    }

    /** Replays only up to the commit of {@code serial}, to read an earlier version. */
    JournalReplay stopAfter(long serial) {
        stopAfter = serial;
        return this;
    }

    void apply(List<byte[]> records) {
        for (int i = 0; i < records.size() && !stopped; i++) {
            bytes += records.get(i).length;
            JournalRecord record;
            try {
                record = JournalCodec.decode(records.get(i), where, values);
            } catch (CorruptStateException e) {
                throw damaged(i + 1, e.getMessage());
            }
            apply(i + 1, record);
        }
    }

    private void apply(int index, JournalRecord record) {
        if (record instanceof JournalRecord.Header header) {
            startSegment(index, header);
            return;
        }
        if (!seenHeader) {
            throw damaged(index, "the record comes before any header");
        }
        if (record instanceof JournalRecord.Intent intent) {
            maxSeq = Math.max(maxSeq, intent.seq());
            pending.put(intent.seq(), new StateSession.PendingIntent(intent.seq(), intent.address(),
                    intent.operation(), intent.type(), intent.id(), intent.configuration()));
        } else if (record instanceof JournalRecord.Upsert upsert) {
            pending.remove(upsert.seq());
            if (live) {
                resources.put(upsert.resource().address(), upsert.resource());
            }
        } else if (record instanceof JournalRecord.Removed removed) {
            pending.remove(removed.seq());
            if (live) {
                resources.remove(removed.address());
            }
        } else if (record instanceof JournalRecord.Failed failed) {
            pending.remove(failed.seq());
        } else if (record instanceof JournalRecord.Commit commit && live) {
            state = new State(state.formatVersion(), state.stack(), state.lineage(), commit.serial(), Map.of(),
                    commit.outputs());
            commits.add(commit);
            stopped = commit.serial() >= stopAfter;
        }
    }

    private void startSegment(int index, JournalRecord.Header header) {
        seenHeader = true;
        if (!header.stack().equals(stack)) {
            throw refused(index, "it belongs to stack '" + header.stack() + "'");
        }
        boolean lineageKnown = documentPresent || !state.lineage().isEmpty();
        if (lineageKnown && !header.lineage().equals(state.lineage())) {
            throw refused(index, "it belongs to lineage " + header.lineage() + ", the state to lineage "
                    + state.lineage());
        }
        if (header.serial() > documentSerial) {
            throw refused(index, "it continues serial " + header.serial() + " but the state document has serial "
                    + documentSerial + ": the document was replaced by an older copy or removed");
        }
        if (!lineageKnown) {
            state = new State(State.FORMAT_VERSION, stack, header.lineage(), 0, Map.of(), state.outputs());
        }
        live = header.serial() == documentSerial;
        if (kdf == null || !kdf.equals(header.kdf())) {
            kdf = header.kdf();
            values = codecFor(kdf);
        }
    }

    private ConvergeException damaged(int index, String detail) {
        return ConvergeException.of("", "record " + index + " of " + where + " is damaged (" + detail
                + "); nothing was changed",
                "The journal holds the progress of an interrupted run that is not yet in the state document. "
                        + "Move the journal aside to use the last written state, then run `converge refresh` and "
                        + "`converge import` for anything the interrupted run created.");
    }

    private ConvergeException refused(int index, String detail) {
        return ConvergeException.of("", "record " + index + " of " + where + " does not match the state document: "
                + detail + "; nothing was changed",
                "The journal or the state document was copied from elsewhere. Restore the stack's own files "
                        + "(see `converge state history`); the files were not changed.");
    }

    State state() {
        return new State(state.formatVersion(), state.stack(), state.lineage(), state.serial(), resources,
                state.outputs());
    }

    KeyDerivation kdf() {
        return kdf;
    }

    Map<Long, StateSession.PendingIntent> pending() {
        return pending;
    }

    long nextSeq() {
        return maxSeq + 1;
    }

    /** Bytes of journal records read, to decide when to fold the journal into the document. */
    long bytes() {
        return bytes;
    }

    /** The versions committed in the journal after the document, oldest first. */
    List<JournalRecord.Commit> commits() {
        return List.copyOf(commits);
    }
}
