package dev.converge.reliability;

import dev.converge.engine.state.LocalStateBackend;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import dev.converge.spi.state.StateJournal;
import dev.converge.spi.state.StateLock;
import dev.converge.spi.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local backend with a {@link CrashSwitch} around every durable write (heartbeats excepted: they
 * depend on timing, not on the run's progress). Reads pass through unchanged. Thread-safe.
 */
final class CrashingBackend implements StateBackend {

    private final LocalStateBackend delegate;
    private final CrashSwitch crash;

    CrashingBackend(Path root, CrashSwitch crash) {
        this.delegate = new LocalStateBackend(root);
        this.crash = crash;
    }

    @Override
    public String describe(String stack) {
        return delegate.describe(stack);
    }

    @Override
    public StateStore store(String stack) {
        return guarded(delegate.store(stack));
    }

    @Override
    public StateStore store(String stack, LockInfo holder) {
        return guarded(delegate.store(stack, holder));
    }

    private StateStore guarded(StateStore store) {
        return new StateStore() {
            @Override
            public Optional<StoredState> read() {
                return store.read();
            }

            @Override
            public String write(byte[] document, String expectedVersion) {
                return guarded("store.write", () -> store.write(document, expectedVersion));
            }
        };
    }

    @Override
    public StateLock lock(String stack) {
        StateLock lock = delegate.lock(stack);
        return new StateLock() {
            @Override
            public Optional<LockInfo> tryAcquire(LockInfo request) {
                return guarded("lock.acquire", () -> lock.tryAcquire(request));
            }

            @Override
            public Optional<LockInfo> takeOver(LockInfo expected, LockInfo request) {
                return guarded("lock.takeOver", () -> lock.takeOver(expected, request));
            }

            @Override
            public void heartbeat(LockInfo holder) {
                lock.heartbeat(holder);
            }

            @Override
            public void release(String lockId) {
                guarded("lock.release", () -> {
                    lock.release(lockId);
                    return null;
                });
            }

            @Override
            public Optional<LockInfo> holder() {
                return lock.holder();
            }

            @Override
            public boolean forceRelease(String lockId) {
                return guarded("lock.forceRelease", () -> lock.forceRelease(lockId));
            }
        };
    }

    @Override
    public StateHistory history(String stack) {
        StateHistory history = delegate.history(stack);
        return new StateHistory() {
            @Override
            public void archive(long serial, byte[] document) {
                guarded("history.archive", () -> {
                    history.archive(serial, document);
                    return null;
                });
            }

            @Override
            public List<Entry> list() {
                return history.list();
            }

            @Override
            public Optional<byte[]> load(long serial) {
                return history.load(serial);
            }
        };
    }

    @Override
    public StateJournal journal(String stack) {
        return guarded(delegate.journal(stack));
    }

    @Override
    public StateJournal journal(String stack, LockInfo holder) {
        return guarded(delegate.journal(stack, holder));
    }

    @Override
    public boolean fencesAtomically() {
        return true;
    }

    private StateJournal guarded(StateJournal journal) {
        return new StateJournal() {
            @Override
            public void append(byte[] record) {
                guarded("journal.append", () -> {
                    journal.append(record);
                    return null;
                });
            }

            @Override
            public List<byte[]> readAll() {
                return journal.readAll();
            }

            @Override
            public void clear() {
                guarded("journal.clear", () -> {
                    journal.clear();
                    return null;
                });
            }
        };
    }

    private <T> T guarded(String what, Supplier<T> write) {
        int index = crash.beforeStateWrite(what);
        T result = write.get();
        crash.afterStateWrite(index, what);
        return result;
    }
}
