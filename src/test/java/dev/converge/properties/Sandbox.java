package dev.converge.properties;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.automation.PendingOperation;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.State;
import dev.converge.testing.FakeProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One try's world: a fresh working directory (on tmpfs when there is one, since every journal record
 * is fsynced) and a fresh {@link FakeProvider} as the cloud. Drives the real command line in-process
 * and reads state and plans through the engine API. Not thread-safe; close it to delete the directory.
 */
final class Sandbox implements AutoCloseable {

    static final String STACK = "dev";

    /** The outcome of one command. */
    record Run(String command, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "$ " + command + "  -> exit " + exitCode + "\n" + out + err;
        }
    }

    private final Path dir;
    private final FakeProvider fake = FakeProvider.create();

    private Sandbox(Path dir) {
        this.dir = dir;
    }

    static Sandbox create() {
        Path shm = Path.of("/dev/shm");
        try {
            Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Path.of(System.getProperty("java.io.tmpdir"));
            return new Sandbox(Files.createTempDirectory(parent, "converge-props-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeProvider fake() {
        return fake;
    }

    /** Runs one CLI command such as {@code apply --auto-approve} in this world. */
    Run cli(Program program, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Converge.builder(program).workDir(dir).withoutServiceLoader().provider(fake)
                .output(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .input(new ByteArrayInputStream(new byte[0])).environment(Map.of())
                .build().run(args);
        return new Run(String.join(" ", args), code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    Run apply(Program program) {
        return cli(program, "apply", "--auto-approve", "--stack", STACK);
    }

    /** A fresh plan of {@code program} against the stored state, refreshed, as {@code plan} computes it. */
    Plan plan(Program program) {
        try (StackEngine engine = engine(program)) {
            return engine.plan(PlanRequest.normal());
        }
    }

    /** The stored state, loaded and integrity-checked as every command loads it. */
    State state() {
        try (StackEngine engine = engine(stack -> { })) {
            return engine.state();
        }
    }

    /** Intents without a recorded outcome (calls whose result is unknown). */
    List<PendingOperation> pendingIntents() {
        try (StackEngine engine = engine(stack -> { })) {
            return engine.pendingOperations();
        }
    }

    private StackEngine engine(Program program) {
        return Converge.engine(program).stack(STACK).workDir(dir).providers(fake).serviceLoader(false)
                .environment(Map.of()).build();
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
