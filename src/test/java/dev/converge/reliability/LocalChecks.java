package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Leak checks of the local files and processes of {@link CrashPrograms.LocalSetup}: processes are
 * found by the marker in their environment ({@code /proc/PID/environ}, Linux), files by listing the
 * files directory.
 */
final class LocalChecks {

    private LocalChecks() {
    }

    /** The live (not zombie) processes whose environment carries the marker. */
    static Set<String> markedProcesses(String marker) {
        byte[] needle = ("RELIABILITY_RUN=" + marker).getBytes(StandardCharsets.UTF_8);
        Set<String> pids = new TreeSet<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String environ = new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.UTF_8);
                    String stat = Files.readString(entry.resolve("stat"));
                    boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                    if (!zombie && List.of(environ.split("\0")).contains(new String(needle, StandardCharsets.UTF_8))) {
                        pids.add(entry.getFileName().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** The files in the files directory. */
    static Set<String> files(CrashPrograms.LocalSetup local) {
        if (!Files.isDirectory(local.files())) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(local.files())) {
            return files.map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marked processes and files that the state does not hold. */
    static List<String> untracked(CloudStack stack) {
        State state = stack.state();
        Set<String> pids = ids(state, "local:Process");
        Set<String> paths = state.resources().values().stream().filter(r -> r.type().equals("local:File"))
                .map(r -> String.valueOf(r.outputs().get("path"))).collect(Collectors.toSet());
        return Stream.concat(markedProcesses(stack.local.marker()).stream().filter(pid -> !pids.contains(pid))
                .map(pid -> "process " + pid), files(stack.local).stream().filter(f -> !paths.contains(f))
                .map(f -> "file " + f)).toList();
    }

    /** Exactly the declared process runs, once, and exactly the declared files exist. */
    static void assertConverged(CloudStack stack, int version, String context) {
        State state = stack.state();
        assertThat(markedProcesses(stack.local.marker())).as("%s: the one declared process, the one in state",
                context).isEqualTo(ids(state, "local:Process")).hasSize(version == 0 ? 0 : 1);
        Set<String> expected = new TreeSet<>();
        if (version > 0) {
            expected.add(stack.local.files().resolve(version >= 3 ? "conf-b.txt" : "conf-a.txt").toString());
        }
        if (version >= 2) {
            expected.add(stack.local.files().resolve("notes.txt").toString());
        }
        assertThat(files(stack.local)).as("%s: exactly the declared files", context).isEqualTo(expected);
    }

    /** Kills every marked process: the clean-up after a test, whatever happened. */
    static void killAll(String marker) {
        for (String pid : markedProcesses(marker)) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Set<String> ids(State state, String type) {
        return state.resources().values().stream().filter(r -> r.type().equals(type)).map(ResourceState::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
