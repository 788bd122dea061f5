package dev.converge.operator.controller;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bounded parallelism across stacks: at most {@code capacity} runs at once. A stack that finds no free slot
 * waits in line and is handed back, in the order it came, when a slot frees. Thread-safe.
 */
final class RunSlots {

    private final int capacity;
    private final Set<String> holders = new LinkedHashSet<>();
    private final Set<String> waiting = new LinkedHashSet<>();

    RunSlots(int capacity) {
        this.capacity = capacity;
    }

    /** Takes a slot for {@code key} (true if it already has one); otherwise puts it in line. */
    synchronized boolean tryAcquire(String key) {
        if (holders.contains(key)) {
            return true;
        }
        if (holders.size() < capacity) {
            waiting.remove(key);
            holders.add(key);
            return true;
        }
        waiting.add(key);
        return false;
    }

    /** A slot {@code key} holds because a run of it was found in flight (after a change of leader). */
    synchronized void adopt(String key) {
        waiting.remove(key);
        holders.add(key);
    }

    /** Frees {@code key}'s slot; returns the stacks in line that may now take one. */
    synchronized List<String> release(String key) {
        holders.remove(key);
        waiting.remove(key);
        List<String> next = new ArrayList<>();
        waiting.stream().limit(Math.max(0, capacity - holders.size())).forEach(next::add);
        return next;
    }

    synchronized int inUse() {
        return holders.size();
    }
}
