package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Earlier versions of a stack's state: those committed in the journal since the document was last
 * written, and the archived documents. Stateless; behind {@link StateSession#history} and
 * {@link StateSession#historyVersion}.
 */
final class StateVersions {

    private StateVersions() {
    }

    static List<StateHistory.Entry> list(StateBackend backend, String stack, Map<String, String> settings) {
        StateLoader.Loaded loaded = StateLoader.load(backend, stack, SecretKeySource.from(settings));
        List<StateHistory.Entry> entries = new ArrayList<>();
        List<JournalRecord.Commit> commits = new ArrayList<>(loaded.commits());
        java.util.Collections.reverse(commits);
        for (JournalRecord.Commit commit : commits) {
            if (commit.serial() < loaded.state().serial()) {
                entries.add(new StateHistory.Entry(commit.serial(), commit.at(), 0));
            }
        }
        if (loaded.stored() != null && loaded.storedSerial() < loaded.state().serial()) {
            entries.add(new StateHistory.Entry(loaded.storedSerial(), java.time.Instant.EPOCH, loaded.stored().bytes().length));
        }
        entries.addAll(backend.history(stack).list());
        return entries;
    }

    static State load(StateBackend backend, String stack, long serial, Map<String, String> settings) {
        StateLoader.Loaded newest = StateLoader.load(backend, stack, SecretKeySource.from(settings), serial);
        if (serial > newest.storedSerial() && newest.state().serial() == serial) {
            return newest.state(); // committed in the journal after the document
        }
        byte[] bytes = backend.history(stack).load(serial).orElseThrow(() -> ConvergeException.of("",
                "stack '" + stack + "' has no archived state with serial " + serial,
                "List the archived versions with `converge state history --stack " + stack + "`."));
        String where = "version " + serial + " in the history of stack '" + stack + "'";
        SecretKeySource keys = SecretKeySource.from(settings);
        try {
            return StateCodec.decode(bytes, where, kdf -> ValueCodec.of(where, keys, kdf)).state();
        } catch (CorruptStateException e) {
            throw ConvergeException.of("", where + " is damaged (" + e.getMessage() + ")", "Pick another version.");
        }
    }
}
