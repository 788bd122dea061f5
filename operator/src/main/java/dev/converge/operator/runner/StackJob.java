package dev.converge.operator.runner;

import dev.converge.api.Program;
import dev.converge.operator.JobResult;
import dev.converge.operator.JobResultCodec;
import dev.converge.providers.k8s.KubernetesStateBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of every Job the operator starts: runs one stack once through the Automation API, with
 * the stack's state in the Kubernetes state backend of the Stack's namespace (whose Lease lock keeps two
 * runs of one stack apart, and is taken over from a run that was killed), and reports a {@link JobResult}
 * as the container's termination message, where the controller reads it. Exit code 0 when the run
 * succeeded, 1 otherwise. SIGTERM (the Job deleted) stops the run the engine's way: nothing new starts,
 * calls in flight finish, state is saved.
 */
public final class StackJob {

    private StackJob() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    /** Runs the Job described by {@code environment}; returns the exit code. */
    static int run(Map<String, String> environment, PrintStream out) {
        long started = System.nanoTime();
        RunLog log = new RunLog(out);
        JobSettings settings;
        try {
            settings = JobSettings.from(environment);
        } catch (IllegalArgumentException e) {
            log.line("cannot run: " + e.getMessage());
            return 1;
        }
        log.line("converge " + settings.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " of stack " + settings.stack() + " (program " + settings.programClass() + ", namespace "
                + settings.namespace() + ")");
        JobResult result = runGuarded(settings, log, started);
        report(settings, result, log);
        return result.status().succeeded() ? 0 : 1;
    }

    private static JobResult runGuarded(JobSettings settings, RunLog log, long started) {
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            log.line("stop requested: no new changes start; waiting for the ones in flight");
            awaitQuietly(finished);
        }, "converge-job-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KubernetesStateBackend backend = KubernetesStateBackend.connect(null, null, settings.namespace())) {
            Program program = ProgramLoader.load(settings.programClass(), settings.args(),
                    Thread.currentThread().getContextClassLoader());
            Path workDir = Files.createTempDirectory("converge-job");
            return new StackRun(settings, backend, workDir, log, stopping::get).run(program);
        } catch (ProgramLoader.BadProgram bad) {
            return JobResult.ofProblem(settings.mode(), JobResult.Status.PROGRAM_INVALID, List.of(bad.getMessage()),
                    seconds(started));
        } catch (IOException | RuntimeException | LinkageError e) {
            return JobResult.ofProblem(settings.mode(), JobResult.Status.CRASHED, Errors.lines(e), seconds(started));
        } finally {
            finished.countDown();
        }
    }

    private static void report(JobSettings settings, JobResult result, RunLog log) {
        String json = JobResultCodec.encode(result);
        result.errors().forEach(line -> log.line("error: " + line));
        log.line(JobResultCodec.LOG_PREFIX + json);
        try {
            Files.writeString(Path.of(settings.resultFile()), json, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.line("cannot write the result to " + settings.resultFile() + ": " + e);
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(25, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
