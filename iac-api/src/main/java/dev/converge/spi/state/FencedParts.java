package dev.converge.spi.state;

import java.util.List;
import java.util.Optional;

/**
 * The default fencing of {@link StateBackend}: every write of a lock holder is preceded by a read of
 * the lock, and every journal append followed by one, so a holder that lost its lock stops at its next
 * write. Not atomic with the write: see {@link StateBackend#fencesAtomically()}. Stateless.
 */
final class FencedParts {

    private FencedParts() {
    }

    /** Throws {@link LockLostException} unless {@code holder} still holds {@code lock}. */
    static void verify(StateLock lock, LockInfo holder, String where) {
        Optional<LockInfo> current = lock.holder();
        if (current.isEmpty() || !current.get().id().equals(holder.id())
                || current.get().generation() != holder.generation()) {
            throw new LockLostException(holder, current, where);
        }
    }

    static StateStore store(StateStore plain, StateLock lock, LockInfo holder, String where) {
        return new StateStore() {
            @Override
            public Optional<StoredState> read() {
                return plain.read();
            }

            @Override
            public String write(byte[] document, String expectedVersion) {
                verify(lock, holder, where);
                return plain.write(document, expectedVersion); // and compare-and-set on the document's version
            }
        };
    }

    static StateJournal journal(StateJournal plain, StateLock lock, LockInfo holder, String where) {
        return new StateJournal() {
            @Override
            public void append(byte[] record) {
                verify(lock, holder, where);
                plain.append(record);
                // A holder paused between the check and the write learns now, before it acts on the record.
                verify(lock, holder, where);
            }

            @Override
            public List<byte[]> readAll() {
                return plain.readAll();
            }

            @Override
            public void clear() {
                verify(lock, holder, where);
                plain.clear();
            }
        };
    }
}
