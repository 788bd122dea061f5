package dev.converge.e2e.k8s;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.spi.state.StateBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One CLI command run in-process the way {@code main} runs it (providers found by ServiceLoader,
 * configured from the stack's properties file), with its output captured and its start and end
 * times recorded so tests can prove runs overlapped.
 *
 * @param exitCode what {@code Cli.run} returned
 * @param out standard output
 * @param err standard error
 * @param startNanos {@link System#nanoTime()} before the run
 * @param endNanos {@link System#nanoTime()} after the run
 */
record CliRun(int exitCode, String out, String err, long startNanos, long endNanos) {

    String all() {
        return out + err;
    }

    /** Runs {@code args} for {@code program} in {@code workDir}; {@code backend} null means local state. */
    static CliRun of(Program program, Path workDir, StateBackend backend, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Converge.Builder builder = Converge.builder(program).workDir(workDir).environment(Map.of())
                .input(new ByteArrayInputStream(new byte[0]))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        if (backend != null) {
            builder.stateBackend(backend);
        }
        long start = System.nanoTime();
        int code = builder.build().run(args);
        long end = System.nanoTime();
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), start, end);
    }
}
