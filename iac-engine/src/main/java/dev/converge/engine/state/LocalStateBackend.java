package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import dev.converge.spi.state.StateJournal;
import dev.converge.spi.state.StateLock;
import dev.converge.spi.state.StateStore;
import java.nio.file.Path;

/**
 * The default backend: one directory per stack under a root directory, normally
 * {@code <workDir>/.converge/<stack>/}, holding {@code state.json}, {@code lock.json},
 * {@code journal.log} and {@code history/<serial>.json}.
 *
 * <p>Writes of the state document are atomic (temp file, fsync, rename, directory fsync) and
 * compare-and-set by a checksum of the current bytes, checked under an exclusive file lock on
 * {@code .write.lock} so that neither threads nor processes interleave; a lock holder's writes check
 * {@code lock.json} under that same lock, so a holder that was taken over cannot write any more (its
 * fencing is atomic). Thread-safe; instances are
 * cheap and share no state other than the files.
 */
public final class LocalStateBackend implements StateBackend {

    /** The default history depth: the last 50 versions. */
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    private final Path root;
    private final int historyLimit;

    /** A backend rooted at {@code root} (such as {@code <workDir>/.converge}) keeping 50 history versions. */
    public LocalStateBackend(Path root) {
        this(root, DEFAULT_HISTORY_LIMIT);
    }

    /** A backend rooted at {@code root} that keeps at most {@code historyLimit} archived versions per stack. */
    public LocalStateBackend(Path root, int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
        }
        this.root = root.toAbsolutePath().normalize();
        this.historyLimit = historyLimit;
    }

    /** The backend of a working directory: {@code <workDir>/.converge}. */
    public static LocalStateBackend forWorkDir(Path workDir) {
        return new LocalStateBackend(workDir.resolve(".converge"));
    }

    /** The directory of {@code stack}'s files. */
    public Path stackDir(String stack) {
        if (!isStackName(stack)) {
            throw ConvergeException.of("", "invalid stack name '" + stack + "'",
                    "Use letters, digits, '.', '_' and '-' (not starting with '.' or '-'), such as dev or prod.");
        }
        return root.resolve(stack);
    }

    @Override
    public String describe(String stack) {
        return "local " + stackDir(stack);
    }

    @Override
    public StateStore store(String stack) {
        return new LocalStore(stackDir(stack), null);
    }

    /** Checks the lock under the stack's mutex, in the same step as the write. */
    @Override
    public StateStore store(String stack, LockInfo holder) {
        return new LocalStore(stackDir(stack), holder);
    }

    @Override
    public StateLock lock(String stack) {
        return new LocalLock(stackDir(stack));
    }

    @Override
    public StateHistory history(String stack) {
        return new LocalHistory(stackDir(stack), historyLimit);
    }

    @Override
    public StateJournal journal(String stack) {
        return new LocalJournal(stackDir(stack), null);
    }

    /** Checks the lock under the stack's mutex, in the same step as each append and the clear. */
    @Override
    public StateJournal journal(String stack, LockInfo holder) {
        return new LocalJournal(stackDir(stack), holder);
    }

    @Override
    public boolean fencesAtomically() {
        return true;
    }

    /** The file holding the archived version {@code serial} of {@code stack}, for messages. */
    public Path historyFile(String stack, long serial) {
        return LocalHistory.file(stackDir(stack), serial);
    }

    static Path mutex(Path stackDir) {
        return stackDir.resolve(".write.lock");
    }

    /**
     * Letters, digits, '_', '.' and '-', not starting with '.' or '-'. Checked by hand rather than with a
     * regular expression: every command checks its stack's name, and the first pattern a run compiles costs
     * milliseconds of interpreted code (docs/benchmarks.md, "Start-up").
     */
    private static boolean isStackName(String stack) {
        if (stack == null || stack.isEmpty() || stack.charAt(0) == '.' || stack.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < stack.length(); i++) {
            char c = stack.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!plain && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
