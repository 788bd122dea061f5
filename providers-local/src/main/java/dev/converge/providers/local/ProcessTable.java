package dev.converge.providers.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the host's process table. On Linux it reads {@code /proc}; elsewhere it falls back to
 * {@link ProcessHandle}, whose start instant (in milliseconds) then serves as the start time.
 * Stateless and thread-safe; every method tolerates processes that vanish while being read.
 */
final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    static boolean hasProcFs() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The stat of a process, or empty if there is no such process. */
    static Optional<ProcStat> stat(long pid) {
        try {
            return ProcStat.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The start time of a running process (see {@link LocalProcess.Outputs#startTime()}), or empty. */
    static Optional<Long> startTime(long pid) {
        if (hasProcFs()) {
            return stat(pid).filter(ProcStat::running).map(ProcStat::startTicks);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(handle -> handle.info().startInstant()).map(instant -> instant.toEpochMilli());
    }

    /** True if {@code pid} runs and is the same process that started at {@code startTime}. */
    static boolean isSameProcess(long pid, long startTime) {
        return startTime(pid).map(actual -> actual == startTime).orElse(false);
    }

    /** Pids of every process whose process group is {@code group}, the leader included. */
    static List<Long> groupMembers(long group) {
        List<Long> members = new ArrayList<>();
        for (long pid : pids()) {
            stat(pid).filter(ProcStat::running).filter(stat -> stat.processGroup() == group)
                    .ifPresent(stat -> members.add(pid));
        }
        return members;
    }

    /** Every pid in {@code /proc}. */
    static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .forEach(name -> pids.add(Long.parseLong(name)));
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /** The process's initial environment, or empty if it is gone or not readable. */
    static Map<String, String> environment(long pid) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : nulSeparated(pid, "environ")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    /** The process's argument vector, or empty. */
    static List<String> commandLine(long pid) {
        return nulSeparated(pid, "cmdline");
    }

    /** Where a {@code /proc/<pid>/} link such as {@code cwd} or {@code fd/1} points, or empty. */
    static Optional<String> link(long pid, String name) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve(name)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static List<String> nulSeparated(long pid, String file) {
        try {
            byte[] bytes = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve(file));
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < bytes.length) {
                parts.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
            }
            return parts;
        } catch (IOException e) {
            return List.of();
        }
    }
}
