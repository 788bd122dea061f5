package dev.converge.engine.state;

import dev.converge.spi.state.StateJournal;

/**
 * The journal of one state session, split in two steps so that parallel provider calls share fsyncs:
 * {@link #write} queues records for the journal in order (the session calls it under its monitor, which
 * fixes the order), and the returned {@link Durable} waits, outside that monitor, until they are on
 * disk. A journal that cannot defer durability (any backend but the local one) is made durable inside
 * {@code write}, exactly as before. Thread-safe as far as its journal is.
 */
final class SessionJournal {

    /** Waits until the records written so far by one {@link #write} call are durable. */
    @FunctionalInterface
    interface Durable {
        /** Returns once the records are durable; throws if they could not be made so. */
        void await();
    }

    /** A journal that can take a record now and make it durable later, sharing one fsync among writers. */
    interface GroupCommit {
        /** Orders {@code record} after every earlier one; the result returns once it is durable. */
        Durable write(byte[] record);
    }

    private static final Durable ALREADY = () -> { };

    private final StateJournal journal;

    SessionJournal(StateJournal journal) {
        this.journal = journal;
    }

    /** Writes {@code records} in order; the result makes them durable (at once for other backends). */
    Durable write(byte[]... records) {
        if (journal instanceof GroupCommit group) {
            if (records.length == 1) {
                return group.write(records[0]);
            }
            java.util.List<Durable> all = new java.util.ArrayList<>();
            for (byte[] record : records) {
                all.add(group.write(record));
            }
            return () -> all.forEach(Durable::await); // each: a failed batch fails its own records only
        }
        for (byte[] record : records) {
            journal.append(record);
        }
        return ALREADY;
    }

    /** Removes every record (see {@link StateJournal#clear}). */
    void clear() {
        journal.clear();
    }
}
