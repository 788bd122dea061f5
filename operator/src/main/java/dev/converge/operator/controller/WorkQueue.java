package dev.converge.operator.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Keys to reconcile, each at a time: a key added several times before it is taken is taken once (at the
 * earliest time asked), and a key is never handed to two workers at once; one added while a worker has
 * it comes back after that worker is done. Thread-safe.
 */
final class WorkQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Long> due = new HashMap<>();
    private final Set<String> processing = new HashSet<>();
    private final LongSupplier nanoTime;
    private boolean shutDown;

    WorkQueue() {
        this(System::nanoTime);
    }

    WorkQueue(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void add(String key) {
        addAfter(key, Duration.ZERO);
    }

    /** Asks for {@code key} to be reconciled after {@code delay}; an earlier request already there wins. */
    void addAfter(String key, Duration delay) {
        long at = nanoTime.getAsLong() + Math.max(0, delay.toNanos());
        lock.lock();
        try {
            due.merge(key, at, Math::min);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next key that is due and not being processed, waiting for one at most {@code timeout}; empty on
     * timeout or after {@link #shutDown()}. The caller must call {@link #done} with it.
     */
    Optional<String> take(Duration timeout) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        lock.lock();
        try {
            while (!shutDown) {
                long now = nanoTime.getAsLong();
                String ready = null;
                long nextDue = deadline;
                for (Map.Entry<String, Long> entry : due.entrySet()) {
                    if (processing.contains(entry.getKey())) {
                        continue;
                    }
                    if (entry.getValue() <= now) {
                        ready = entry.getKey();
                        break;
                    }
                    nextDue = Math.min(nextDue, entry.getValue());
                }
                if (ready != null) {
                    due.remove(ready);
                    processing.add(ready);
                    return Optional.of(ready);
                }
                if (now >= deadline) {
                    return Optional.empty();
                }
                changed.awaitNanos(Math.max(1, nextDue - now));
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The worker is done with {@code key}; a request for it made meanwhile becomes takeable. */
    void done(String key) {
        lock.lock();
        try {
            processing.remove(key);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting worker; {@link #take} returns empty from now on. */
    void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return due.size();
        } finally {
            lock.unlock();
        }
    }

    /** For tests: how long until {@code key} is due, if queued. */
    Optional<Duration> dueIn(String key) {
        lock.lock();
        try {
            Long at = due.get(key);
            return at == null ? Optional.empty() : Optional.of(Duration.ofNanos(at - nanoTime.getAsLong()));
        } finally {
            lock.unlock();
        }
    }
}
