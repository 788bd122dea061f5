package dev.converge.bench;

import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.State;
import dev.converge.testing.FakeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints the engine figures of docs/benchmarks.md through the Automation API, as a program embedding
 * Converge would run it. Run with {@code scripts/bench.sh engine}; sizes can be limited with
 * {@code -Dbench.max=10000}. Times are wall-clock medians of {@code bench.runs} runs.
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
            try (StackEngine engine = engine(dir, fake, program, 16)) {
                StateSeeder.seed(engine, fake);
            }
        }
        resetPeak();
        long plan = median(() -> {
            Plan p = plan(dir, fake, program);
            check(!p.hasChanges(), "expected an empty plan");
        });
        report("no-change plan, no refresh", size, plan, peakHeapMiB());
        SyntheticProgram oneChange = new SyntheticProgram(size, SyntheticProgram.Shape.LAYERED, size / 2);
        long changed = median(() -> {
            Plan p = plan(dir, fake, oneChange);
            check(p.summary().change() == 1, "expected one update, got " + p.summary());
        });
        report("plan with one change", size, changed);
        long before = bytesUnder(dir.resolve(".converge"));
        long written = writtenBytes(dir, () -> apply(dir, fake, oneChange, 16));
        report("apply one change: bytes written " + written + " (state dir " + before + " bytes)", size,
                lastApplyNanos);
        State state;
        try (StackEngine reader = engine(dir, fake, oneChange, 16)) {
            long load = median(reader::state);
            report("state load", size, load);
            state = reader.state();
        }
        long save = median(() -> {
            try (StackEngine engine = engine(dir, fake, oneChange, 16)) {
                engine.writeState(state);
            }
        });
        report("state save (lock, write, history)", size, save);
    }

    private static long lastApplyNanos;

    private static Plan plan(Path dir, FakeProvider fake, SyntheticProgram program) {
        try (StackEngine engine = engine(dir, fake, program, 16)) {
            return engine.plan(PlanRequest.normal());
        }
    }

    /** Applies {@code program}; {@link #lastApplyNanos} is the time from taking the lock to the end. */
    private static void apply(Path dir, FakeProvider fake, SyntheticProgram program, int parallelism) {
        long[] locked = new long[1];
        try (StackEngine engine = engine(dir, fake, program, parallelism, event -> {
            if (event.kind() == EngineEvent.Kind.LOCK_ACQUIRED) {
                locked[0] = System.nanoTime();
            }
        })) {
            ApplyResult result = engine.apply(ApplyRequest.normal());
            lastApplyNanos = System.nanoTime() - locked[0];
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

    private static StackEngine engine(Path dir, FakeProvider fake, SyntheticProgram program, int parallelism) {
        return engine(dir, fake, program, parallelism, event -> { });
    }

    /** An engine as the figures were always taken: no refresh, no release log (which runs git per apply). */
    private static StackEngine engine(Path dir, FakeProvider fake, SyntheticProgram program, int parallelism,
            dev.converge.engine.automation.EngineListener listener) {
        return Converge.engine(program).stack("bench").workDir(dir).providers(fake).serviceLoader(false)
                .environment(Map.of()).parallelism(parallelism).refresh(false).releaseLog(false).listener(listener)
                .build();
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
