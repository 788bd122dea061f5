package dev.converge.operator.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bounded parallelism across stacks: at most {@code capacity} runs at once. A stack that finds no free slot
 * waits in line and is handed back, in the order it came, when a slot frees. Thread-safe.
 */
final class RunSlots {

    private final int capacity;
    /** The stacks holding a slot, each with the Job of the run it holds it for. */
    private final Map<String, String> holders = new LinkedHashMap<>();
    private final Set<String> waiting = new LinkedHashSet<>();

    RunSlots(int capacity) {
        this.capacity = capacity;
    }

    /** Takes a slot for {@code key}'s run in {@code job} (true if it already has one); otherwise puts it in line. */
    synchronized boolean tryAcquire(String key, String job) {
        if (holders.containsKey(key)) {
            return true;
        }
        if (holders.size() < capacity) {
            waiting.remove(key);
            holders.put(key, job);
            return true;
        }
        waiting.add(key);
        return false;
    }

    /** A slot {@code key} holds because a run of it was found in flight (after a change of leader). */
    synchronized void adopt(String key, String job) {
        waiting.remove(key);
        holders.put(key, job);
    }

    /** Frees {@code key}'s slot; returns the stacks in line that may now take one. */
    synchronized List<String> release(String key) {
        holders.remove(key);
        waiting.remove(key);
        List<String> next = new ArrayList<>();
        waiting.stream().limit(Math.max(0, capacity - holders.size())).forEach(next::add);
        return next;
    }

    /** The Job of the run {@code key} holds a slot for, if it holds one. */
    synchronized Optional<String> holder(String key) {
        return Optional.ofNullable(holders.get(key));
    }

    synchronized int inUse() {
        return holders.size();
    }
}
