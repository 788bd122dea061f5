package dev.converge.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit for one journal writer: a session's journal, so records of two lock holders never share
 * a batch and each batch is fenced by its own holder's lock. Appenders queue their records in order
 * ({@link #enqueue}); the first one to wait ({@link Batch#await}) becomes the leader and writes every queued record with one
 * write and one fsync, while the others wait for it. So sixteen parallel provider calls cost one
 * locked write and one disk flush instead of sixteen, and every append is still durable when its
 * wait returns. A failed write fails every record of its batch. Thread-safe.
 */
final class GroupSync {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    /** The batch that records are added to, not yet taken by a leader. */
    private Batch open = new Batch();
    private boolean flushing;

    GroupSync() {
    }

    /** Queues {@code record} after every record queued before; the batch's {@code await} makes it durable. */
    Batch enqueue(byte[] record) {
        lock.lock();
        try {
            open.records.add(record);
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every record queued so far is on disk (written with {@code writer} if need be). */
    void drain(Consumer<List<byte[]>> writer) {
        Batch last;
        lock.lock();
        try {
            last = open;
            while (last.records.isEmpty() && flushing) {
                flushed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (!last.records.isEmpty()) {
            last.await(writer);
        }
    }

    /** The records queued together, written by one leader with {@code writer} (write, then fsync). */
    final class Batch {
        private final List<byte[]> records = new ArrayList<>();
        private boolean done;
        private RuntimeException failure;

        /** Returns once this batch is on disk, writing it (and any later records) if no one else is. */
        void await(Consumer<List<byte[]>> writer) {
            lock.lock();
            try {
                while (!done) {
                    if (flushing) {
                        flushed.awaitUninterruptibly();
                    } else {
                        flush(writer);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Called with the lock held and no flush running: writes the open batch outside the lock. */
    private void flush(Consumer<List<byte[]>> writer) {
        Batch batch = open;
        open = new Batch();
        flushing = true;
        lock.unlock();
        RuntimeException failure = new IllegalStateException("the journal write of this batch did not finish");
        try {
            writer.accept(batch.records);
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            flushing = false;
            batch.failure = failure;
            batch.done = true;
            flushed.signalAll();
        }
    }
}
