package dev.converge.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a forked engine JVM halts: before or after its N-th durable state write (journal append,
 * state document write, history archive, journal clear, lock acquire or release), or right after
 * its K-th change reached the {@link DurableCloud}. {@link Runtime#halt} runs no {@code finally}
 * block and no shutdown hook, like a power cut of the process (the OS keeps written bytes).
 * Counts every point, so a run without a crash tells how many points there are. Thread-safe.
 */
final class CrashSwitch {

    /** The exit status of a halted JVM, so the test can tell a crash from a normal exit. */
    static final int HALT_STATUS = 77;

    /** Which kind of point the switch fires at. */
    enum Mode { NEVER, BEFORE_STATE_WRITE, AFTER_STATE_WRITE, AFTER_CLOUD_WRITE }

    private final Mode mode;
    private final int at;
    private final List<String> stateWrites = new ArrayList<>();
    private final List<Integer> afterCloudWrite = new ArrayList<>();
    private boolean cloudWroteLast;
    private int cloudWrites;
    private int journalAppends;

    CrashSwitch(Mode mode, int at) {
        this.mode = mode;
        this.at = at;
    }

    static CrashSwitch never() {
        return new CrashSwitch(Mode.NEVER, 0);
    }

    /** Parses {@code never}, {@code before:N}, {@code after:N} or {@code cloud:K}. */
    static CrashSwitch parse(String spec) {
        if (spec == null || spec.equals("never")) {
            return never();
        }
        String[] parts = spec.split(":");
        Mode mode = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "before" -> Mode.BEFORE_STATE_WRITE;
            case "after" -> Mode.AFTER_STATE_WRITE;
            case "cloud" -> Mode.AFTER_CLOUD_WRITE;
            default -> throw new IllegalArgumentException("unknown crash point " + spec);
        };
        return new CrashSwitch(mode, Integer.parseInt(parts[1]));
    }

    /** Called right before a durable state write named {@code what}; returns its number. */
    synchronized int beforeStateWrite(String what) {
        stateWrites.add(what);
        if (cloudWroteLast) {
            afterCloudWrite.add(stateWrites.size());
            cloudWroteLast = false;
        }
        if (what.startsWith("journal.append")) {
            journalAppends++;
        }
        if (mode == Mode.BEFORE_STATE_WRITE && stateWrites.size() == at) {
            halt("before state write " + at + " (" + what + ")");
        }
        return stateWrites.size();
    }

    /** Called right after the durable state write number {@code index} returned. */
    synchronized void afterStateWrite(int index, String what) {
        if (mode == Mode.AFTER_STATE_WRITE && index == at) {
            halt("after state write " + at + " (" + what + ")");
        }
    }

    /** Called by the provider after a change reached the cloud, before the call returns. */
    synchronized void providerWrote(String what) {
        cloudWrites++;
        cloudWroteLast = true;
        if (mode == Mode.AFTER_CLOUD_WRITE && cloudWrites == at) {
            halt("inside the provider after cloud write " + at + " (" + what + ")");
        }
    }

    synchronized int stateWriteCount() {
        return stateWrites.size();
    }

    synchronized List<String> stateWrites() {
        return List.copyOf(stateWrites);
    }

    /**
     * The state writes that directly follow a change in the cloud. Only before these does a halt leave
     * other bytes on disk than a halt after the previous state write; a halted JVM leaves nothing else.
     */
    synchronized List<Integer> writesAfterCloudChanges() {
        return List.copyOf(afterCloudWrite);
    }

    synchronized int cloudWriteCount() {
        return cloudWrites;
    }

    synchronized int journalAppendCount() {
        return journalAppends;
    }

    private static void halt(String where) {
        System.err.println("CRASH-SWITCH: halting " + where);
        System.err.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
