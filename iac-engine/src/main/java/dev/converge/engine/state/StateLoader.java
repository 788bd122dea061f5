package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import dev.converge.spi.state.StateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a stack's state: the document, checked for format version, stack and structure, with the
 * journal replayed on top. Never writes anything, so a refused load leaves every byte as it was.
 * Stateless.
 */
final class StateLoader {

    /**
     * What a load found.
     *
     * @param state the document with the journal's live records applied
     * @param kdf the key derivation of the lineage, or null if nothing was ever written
     * @param stored the document's bytes and version, or null if there is none
     * @param storedSerial the document's serial (0 if none)
     * @param pending intents without completion, by sequence
     * @param nextSeq the sequence number for the next intent
     */
    record Loaded(State state, KeyDerivation kdf, StateStore.StoredState stored, long storedSerial,
            Map<Long, StateSession.PendingIntent> pending, long nextSeq, long journalBytes,
            List<JournalRecord.Commit> commits) {
    }

    private StateLoader() {
    }

    static String where(StateBackend backend, String stack) {
        return "the state of stack '" + stack + "' (" + backend.describe(stack) + ")";
    }

    /**
     * Loads the state. Without the lock a commit may land between reading the document and reading the
     * journal, which then looks newer than the document; such a load is retried, a real mismatch is not.
     */
    static Loaded load(StateBackend backend, String stack, SecretKeySource keys) {
        return load(backend, stack, keys, Long.MAX_VALUE);
    }

    /** Loads the state as it was when version {@code serial} was committed (or the newest, if later). */
    static Loaded load(StateBackend backend, String stack, SecretKeySource keys, long serial) {
        for (int attempt = 1; ; attempt++) {
            Optional<StateStore.StoredState> stored = backend.store(stack).read();
            try {
                return load(backend, stack, keys, stored, serial);
            } catch (ConvergeException e) {
                Optional<String> now = backend.store(stack).read().map(StateStore.StoredState::version);
                if (attempt >= 5 || now.equals(stored.map(StateStore.StoredState::version))) {
                    throw e;
                }
            }
        }
    }

    private static Loaded load(StateBackend backend, String stack, SecretKeySource keys,
            Optional<StateStore.StoredState> stored, long serial) {
        String where = where(backend, stack);
        StateCodec.Document document = null;
        if (stored.isPresent()) {
            document = decode(backend, stack, stored.get().bytes(), where, keys);
            if (!document.state().stack().equals(stack)) {
                throw ConvergeException.of("", where + " belongs to stack '" + document.state().stack()
                        + "' (lineage " + document.state().lineage() + "); refusing to use it for stack '" + stack + "'",
                        "The file was copied from another stack. Restore this stack's own state (see `converge state "
                                + "history --stack " + stack + "`); the file was not changed.");
            }
            HistoryCheck.requireSameLineage(backend, stack, document.state(), where);
        }
        List<byte[]> records;
        try {
            records = backend.journal(stack).readAll();
        } catch (CorruptStateException e) {
            throw ConvergeException.of("", "a record of the journal of stack '" + stack + "' ("
                    + backend.describe(stack) + ") is damaged (" + e.getMessage() + "); nothing was changed",
                    "The journal holds the progress of an interrupted run that is not yet in the state document. "
                            + "Move the journal aside to use the last written state, then run `converge refresh` and "
                            + "`converge import` for anything the interrupted run created.");
        }
        JournalReplay replay = new JournalReplay(stack, "the journal of stack '" + stack + "' ("
                + backend.describe(stack) + ")", keys, document).stopAfter(serial);
        replay.apply(records);
        return new Loaded(replay.state(), replay.kdf(), stored.orElse(null),
                document == null ? 0 : document.state().serial(), replay.pending(), replay.nextSeq(), replay.bytes(),
                replay.commits());
    }

    private static StateCodec.Document decode(StateBackend backend, String stack, byte[] bytes, String where,
            SecretKeySource keys) {
        try {
            return StateCodec.decode(bytes, where, kdf -> ValueCodec.of(where, keys, kdf));
        } catch (CorruptStateException e) {
            throw corrupt(backend, stack, where, e.getMessage());
        } catch (StateCodec.FutureFormatException e) {
            throw ConvergeException.of("", e.summary(), "It was written by a newer Converge. Upgrade Converge to use "
                    + "this stack; the file was not changed. Or go back to a version this Converge reads (losing what "
                    + "the newer Converge recorded): " + HistoryCheck.restorePointer(backend, stack));
        }
    }

    /** The refusal of a damaged document, pointing to the newest version in history that parses. */
    static ConvergeException corrupt(StateBackend backend, String stack, String where, String detail) {
        return ConvergeException.of("", where + " is damaged or truncated (" + detail + "); it was not changed",
                HistoryCheck.restorePointer(backend, stack));
    }
}
