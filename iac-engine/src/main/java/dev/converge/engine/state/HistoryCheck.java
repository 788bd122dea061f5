package dev.converge.engine.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import java.io.IOException;
import java.util.Optional;

/**
 * What a load learns from a stack's history: whether the document continues the lineage of the version
 * it replaced (a {@code state.json} of another state of the same stack name is refused even when no
 * journal is left to compare with), and the newest version that can be restored when the document
 * cannot be used. Reads only; stateless.
 */
final class HistoryCheck {

    /** The header (version, stack, lineage, serial) of a document is within its first few hundred bytes. */
    private static final int HEAD = 4096;

    private HistoryCheck() {
    }

    /**
     * Refuses {@code document} if the newest history version below its serial (the one it replaced, in
     * a history Converge wrote) belongs to the same stack but another lineage. A stack started afresh
     * (serial 1, nothing below it) passes, and its own versions replace the older lineage's from then on.
     */
    static void requireSameLineage(StateBackend backend, String stack, State document, String where) {
        StateHistory history = backend.history(stack);
        Optional<StateHistory.Entry> replaced = history.list().stream()
                .filter(entry -> entry.serial() < document.serial()).findFirst();
        if (replaced.isEmpty()) {
            return;
        }
        Optional<String[]> header = history.loadHead(replaced.get().serial(), HEAD).flatMap(HistoryCheck::stackAndLineage);
        if (header.isEmpty() || !header.get()[0].equals(stack) || header.get()[1].equals(document.lineage())) {
            return; // an unreadable or foreign history version proves nothing
        }
        throw ConvergeException.of("", where + " has lineage " + document.lineage() + ", but the version it replaced "
                + "in history (serial " + replaced.get().serial() + ") has lineage " + header.get()[1]
                + ": it is the state of another stack named '" + stack + "'; refusing to use it",
                "The file was copied from another environment or an unrelated copy of this stack. "
                        + restorePointer(backend, stack) + " Nothing was changed.");
    }

    /** A sentence naming the newest version in history that parses, and how to restore it. */
    static String restorePointer(StateBackend backend, String stack) {
        return newestGood(backend, stack).map(serial -> "The newest good version in history is serial " + serial
                + historyFile(backend, stack, serial) + "; list them with `converge state history --stack " + stack
                + "` and restore one by copying it over the state document.")
                .orElse("No good version was found in history (`converge state history --stack " + stack + "`).");
    }

    private static String historyFile(StateBackend backend, String stack, long serial) {
        return backend instanceof LocalStateBackend local ? " (" + local.historyFile(stack, serial) + ")" : "";
    }

    static Optional<Long> newestGood(StateBackend backend, String stack) {
        StateHistory history = backend.history(stack);
        for (StateHistory.Entry entry : history.list()) {
            Optional<byte[]> bytes = history.load(entry.serial());
            if (bytes.isPresent() && parses(bytes.get(), stack)) {
                return Optional.of(entry.serial());
            }
        }
        return Optional.empty();
    }

    private static boolean parses(byte[] bytes, String stack) {
        try {
            return StateCodec.decode(bytes, "history", kdf -> ValueCodec.structural("history"))
                    .state().stack().equals(stack);
        } catch (RuntimeException e) {
            return false; // damaged, or of a newer format: not restorable by this Converge
        }
    }

    /** The {@code stack} and {@code lineage} fields at the top of a (possibly cut) document. */
    private static Optional<String[]> stackAndLineage(byte[] head) {
        String stack = null;
        String lineage = null;
        try (JsonParser parser = ValueCodec.JSON.createParser(head)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while ((stack == null || lineage == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && field.equals("stack")) {
                    stack = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && field.equals("lineage")) {
                    lineage = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return stack == null || lineage == null ? Optional.empty() : Optional.of(new String[] {stack, lineage});
    }
}
