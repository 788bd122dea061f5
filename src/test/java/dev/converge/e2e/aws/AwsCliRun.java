package dev.converge.e2e.aws;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.providers.aws.AwsProvider;
import dev.converge.spi.state.StateBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One CLI command run in-process as a program's {@code main} would run it, with a fresh
 * {@link AwsProvider} (configured by the engine from the stack's properties file and {@code CONVERGE_*}
 * variables of {@code environment}) and its output captured.
 *
 * @param exitCode what {@code Cli.run} returned
 * @param out standard output
 * @param err standard error
 * @param startNanos {@link System#nanoTime()} before the run
 * @param endNanos {@link System#nanoTime()} after the run
 */
record AwsCliRun(int exitCode, String out, String err, long startNanos, long endNanos) {

    String all() {
        return out + "\n--- stderr ---\n" + err;
    }

    /** Runs {@code args} with local state in {@code workDir}/.converge. */
    static AwsCliRun of(Program program, Path workDir, Map<String, String> environment, String... args) {
        return of(program, workDir, environment, null, args);
    }

    /** Runs {@code args}; {@code backend} null means the local state directory. */
    static AwsCliRun of(Program program, Path workDir, Map<String, String> environment, StateBackend backend,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (AwsProvider provider = new AwsProvider()) {
            Converge.Builder builder = Converge.builder(program).withoutServiceLoader().provider(provider)
                    .workDir(workDir).environment(environment).input(new ByteArrayInputStream(new byte[0]))
                    .output(new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
            if (backend != null) {
                builder.stateBackend(backend);
            }
            long start = System.nanoTime();
            int code = builder.build().run(args);
            long end = System.nanoTime();
            return new AwsCliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    start, end);
        }
    }
}
