package dev.converge.providers.local;

import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} this provider needs.
 *
 * @param pid the process id (field 1)
 * @param state the state letter (field 3); {@code Z} zombie and {@code X} dead count as not running
 * @param processGroup the process group id (field 5)
 * @param session the session id (field 6)
 * @param startTicks when it started, in clock ticks since boot (field 22); with the pid, an identity
 *     that a reused pid cannot fake
 */
record ProcStat(long pid, char state, long processGroup, long session, long startTicks) {

    /** Whether the process still runs (a zombie has exited and only waits for its parent). */
    boolean running() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /**
     * Parses one stat line. The command name (field 2) is in parentheses and may itself contain
     * spaces and parentheses, so fields are counted from the last closing parenthesis.
     */
    static Optional<ProcStat> parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > line.length()) {
            return Optional.empty();
        }
        String[] rest = line.substring(close + 2).trim().split("\\s+");
        // rest[0] is field 3; field n is rest[n - 3].
        if (rest.length < 20 || rest[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(line.substring(0, open).trim());
            return Optional.of(new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[2]),
                    Long.parseLong(rest[3]), Long.parseLong(rest[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
