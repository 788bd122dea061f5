package dev.converge.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for one journal file: appends are written in order, then each waits until an fsync
 * that started after its write has finished. Concurrent appenders share one fsync, so sixteen
 * parallel provider calls cost one disk flush instead of sixteen; every append is still durable when
 * it returns. Thread-safe.
 */
final class GroupSync {

    private static final Map<Path, GroupSync> FILES = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private long written;
    private long synced;
    private boolean flushing;

    private GroupSync(Path file) {
        this.file = file;
    }

    static GroupSync of(Path file) {
        return FILES.computeIfAbsent(file, GroupSync::new);
    }

    /** Called after a record was written (not yet synced); returns the ticket to wait for. */
    long written() {
        lock.lock();
        try {
            return ++written;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every record up to {@code ticket} is on disk, flushing if no one else is. */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (synced < ticket) {
                if (flushing) {
                    flushed.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                long target = written;
                lock.unlock();
                try {
                    force();
                } finally {
                    lock.lock();
                    flushing = false;
                    synced = Math.max(synced, target);
                    flushed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void force() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush " + file + ": " + e.getMessage(), e);
        }
    }
}
