package dev.converge.engine.state;

import dev.converge.spi.state.StateJournal;

/**
 * The journal of one state session, split in two steps so that parallel provider calls share fsyncs:
 * {@link #write} puts records in the journal in order (the session calls it under its monitor, which
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

    /** A journal that can write a record now and make it durable later, sharing one fsync among writers. */
    interface GroupCommit {
        /** Writes {@code record} after every earlier one; returns the ticket to pass to {@link #awaitDurable}. */
        long write(byte[] record);

        /** Returns once every record up to {@code ticket} is on disk. */
        void awaitDurable(long ticket);
    }

    private static final Durable ALREADY = () -> { };

    private final StateJournal journal;

    SessionJournal(StateJournal journal) {
        this.journal = journal;
    }

    /** Writes {@code records} in order; the result makes them durable (at once for other backends). */
    Durable write(byte[]... records) {
        if (journal instanceof GroupCommit group) {
            long ticket = 0;
            for (byte[] record : records) {
                ticket = group.write(record);
            }
            long last = ticket;
            return () -> group.awaitDurable(last);
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
