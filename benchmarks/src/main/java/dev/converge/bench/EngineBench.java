package dev.converge.bench;

import dev.converge.engine.Engine;
import dev.converge.engine.Engines;
import dev.converge.engine.apply.ApplyResult;
import dev.converge.engine.apply.Progress;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.testing.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Prints the engine figures of docs/benchmarks.md. Run with {@code scripts/bench.sh engine}; sizes can
 * be limited with {@code -Dbench.max=10000}. Times are wall-clock medians of {@code bench.runs} runs.
 */
public final class EngineBench {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int MAX = Integer.getInteger("bench.max", 100_000);

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("# Converge engine benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, java " + System.getProperty("java.version"));
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            if (size <= MAX && size >= Integer.getInteger("bench.min", 0)) {
                sizeFigures(size);
            }
        }
        applyWithLatency(SyntheticProgram.Shape.WIDE, 1_000, Duration.ofMillis(50), 16);
        applyWithLatency(SyntheticProgram.Shape.LAYERED, 1_000, Duration.ofMillis(50), 16);
        applyWithLatency(SyntheticProgram.Shape.DEEP, 100, Duration.ofMillis(50), 16);
    }

    private static void sizeFigures(int size) throws IOException {
        Path dir = Files.createTempDirectory("converge-bench");
        FakeProvider fake = FakeProvider.create();
        SyntheticProgram program = new SyntheticProgram(size, SyntheticProgram.Shape.LAYERED, -1);
        if (size <= Integer.getInteger("bench.firstApplyMax", 10_000)) {
            long start = System.nanoTime();
            apply(dir, fake, program, 16);
            report("first apply, no latency", size, System.nanoTime() - start);
        } else {
            try (Engine engine = engine(dir, fake, program, 16)) {
                StateSeeder.seed(engine, fake, "bench");
            }
        }
        resetPeak();
        long plan = median(() -> {
            Plan p = engine(dir, fake, program, 16).plan(PlanOptions.normal());
            check(!p.hasChanges(), "expected an empty plan");
        });
        report("no-change plan, no refresh", size, plan, peakHeapMiB());
        SyntheticProgram oneChange = new SyntheticProgram(size, SyntheticProgram.Shape.LAYERED, size / 2);
        long changed = median(() -> {
            Plan p = engine(dir, fake, oneChange, 16).plan(PlanOptions.normal());
            check(p.summary().change() == 1, "expected one update, got " + p.summary());
        });
        report("plan with one change", size, changed);
        long before = bytesUnder(dir.resolve(".converge"));
        long written = writtenBytes(dir, () -> apply(dir, fake, oneChange, 16));
        report("apply one change: bytes written " + written + " (state dir " + before + " bytes)", size,
                lastApplyNanos);
        long load = median(() -> StateSession.load(new dev.converge.engine.state.LocalStateBackend(
                dir.resolve(".converge")), "bench", Map.of()));
        report("state load", size, load);
        State state = StateSession.load(new dev.converge.engine.state.LocalStateBackend(dir.resolve(".converge")),
                "bench", Map.of());
        long save = median(() -> {
            try (Engine engine = engine(dir, fake, oneChange, 16); StateSession session = engine.lock("bench")) {
                session.replace(state);
            }
        });
        report("state save (lock, write, history)", size, save);
    }

    private static long lastApplyNanos;

    private static void apply(Path dir, FakeProvider fake, SyntheticProgram program, int parallelism) {
        try (Engine engine = engine(dir, fake, program, parallelism); StateSession session = engine.lock("apply")) {
            long start = System.nanoTime();
            Engine.Planned planned = engine.planLocked(session, PlanOptions.normal());
            ApplyResult result = engine.apply(session, planned, Progress.silent(), new AtomicBoolean());
            lastApplyNanos = System.nanoTime() - start;
            check(result.succeeded(), "apply failed: " + result.failures());
        }
    }

    private static void applyWithLatency(SyntheticProgram.Shape shape, int size, Duration latency, int parallelism)
            throws IOException {
        Path dir = Files.createTempDirectory("converge-bench");
        FakeProvider fake = FakeProvider.create().withLatency(latency);
        SyntheticProgram program = new SyntheticProgram(size, shape, -1);
        long start = System.nanoTime();
        apply(dir, fake, program, parallelism);
        long took = System.nanoTime() - start;
        long bound = Math.max(program.criticalPath() * latency.toNanos(),
                (long) Math.ceil(size / (double) parallelism) * latency.toNanos());
        System.out.printf("apply %d creates, %s, %d ms latency, parallelism %d: %.2f s, lower bound %.2f s, ratio %.2f%n",
                size, shape.name().toLowerCase(), latency.toMillis(), parallelism, took / 1e9, bound / 1e9,
                took / (double) bound);
    }

    private static Engine engine(Path dir, FakeProvider fake, SyntheticProgram program, int parallelism) {
        return Engines.create(program, new Engine.Settings("bench", dir, parallelism, Duration.ZERO, false, Map.of()),
                List.of(fake), false);
    }

    private static long median(Runnable work) {
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static long writtenBytes(Path dir, Runnable work) {
        long before = totalWritten(dir);
        work.run();
        return totalWritten(dir) - before;
    }

    /** Bytes written by this process so far, from /proc/self/io (Linux), or -1. */
    private static long totalWritten(Path ignored) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring(6).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void resetPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    private static void report(String what, int size, long nanos) {
        System.out.printf("%-60s N=%,7d  %8.3f s  (cpu %s)%n", what, size, nanos / 1e9, cpuSinceLast());
    }

    private static void report(String what, int size, long nanos, long peakMiB) {
        System.out.printf("%-60s N=%,7d  %8.3f s  peak heap %d MiB  (cpu %s)%n", what, size, nanos / 1e9, peakMiB,
                cpuSinceLast());
    }

    private static long lastCpu;

    /** Process CPU seconds since the previous figure: less sensitive to other load than wall time. */
    private static String cpuSinceLast() {
        long now = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        String text = String.format("%.2f s", (now - lastCpu) / 1e9);
        lastCpu = now;
        return text;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
