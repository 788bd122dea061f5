package dev.converge.operator.runner;

import dev.converge.api.Diagnostic;
import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.operator.Durations;
import dev.converge.operator.JobResult;
import dev.converge.spi.state.StateBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * One run of a stack through the Automation API, in the mode the controller chose: apply, plan, apply the
 * approved plan only, check for drift, or destroy. Never throws for the user's problems: every ending is a
 * {@link JobResult}. Plain configuration goes to {@code converge.<stack>.properties} in a private working
 * directory; Secrets' values reach the engine only through its environment map, never a file.
 */
final class StackRun {

    /** How much longer than the stack's lock lease a run waits for the lock: a dead run's lock is taken over. */
    static final Duration LOCK_MARGIN = Duration.ofSeconds(30);

    private final JobSettings settings;
    private final StateBackend backend;
    private final Path workDir;
    private final RunLog log;
    private final BooleanSupplier stopping;

    StackRun(JobSettings settings, StateBackend backend, Path workDir, RunLog log, BooleanSupplier stopping) {
        this.settings = settings;
        this.backend = backend;
        this.workDir = workDir;
        this.log = log;
        this.stopping = stopping;
    }

    JobResult run(Program program) {
        long started = System.nanoTime();
        try (StackEngine engine = engine(program)) {
            return switch (settings.mode()) {
                case APPLY -> Reports.ofApply(settings.mode(), engine.apply(request()), log.lockTakenOver(),
                        seconds(started));
                case APPLY_APPROVED -> applyApproved(engine, started);
                case DESTROY -> Reports.ofApply(settings.mode(), engine.destroy(request()), log.lockTakenOver(),
                        seconds(started));
                case PLAN, DRIFT_CHECK -> Reports.ofPlan(settings.mode(), engine.plan(PlanRequest.normal()),
                        seconds(started));
            };
        } catch (ConvergeException refused) {
            List<String> lines = refused.diagnostics().stream().map(Reports::line).toList();
            return JobResult.ofProblem(settings.mode(), classify(refused), lines, seconds(started));
        }
    }

    private ApplyRequest request() {
        return ApplyRequest.normal().withCancellation(stopping::getAsBoolean);
    }

    /**
     * Applies only the plan the reviewer approved. The approval is asked under the stack's lock with the plan
     * that is about to be carried out, so a plan whose state, program or configuration moved on since it was
     * reviewed is declined (status STALE, with the new plan's fingerprint) and nothing changes.
     */
    private JobResult applyApproved(StackEngine engine, long started) {
        String approved = settings.approvedFingerprint();
        ApplyResult result = engine.apply(request().withApproval(plan -> {
            String now = Reports.fingerprint(plan);
            if (!now.equals(approved)) {
                log.line("approved plan " + approved + " is stale: the plan is now " + now + "; nothing is changed");
            }
            return now.equals(approved);
        }));
        JobResult report = Reports.ofApply(settings.mode(), result, log.lockTakenOver(), seconds(started));
        if (report.status() != JobResult.Status.STALE) {
            return report;
        }
        Plan plan = result.plan();
        return new JobResult(report.mode(), report.status(), report.serial(), report.plan(), report.done(),
                report.fingerprint(), report.changes(), report.drift(), report.outputs(),
                List.of("the approved plan " + approved + " is stale: the state, program or configuration moved on, "
                        + "and the plan is now " + Reports.fingerprint(plan) + " (" + report.plan().describe()
                        + "); review it and approve that fingerprint"), "", report.recovered(), report.seconds(), false);
    }

    private StackEngine engine(Program program) {
        writeConfig();
        return Converge.engine(program).stack(settings.stack()).workDir(workDir).stateBackend(backend)
                .environment(secretEnvironment()).lockTimeout(lockTimeout()).listener(log).releaseLog(false).build();
    }

    /** The stack's lease (its {@code lock.lease}, default 2 minutes) plus a margin. */
    Duration lockTimeout() {
        String lease = settings.secrets().getOrDefault("lock.lease", settings.config().get("lock.lease"));
        Duration parsed = Duration.ofMinutes(2);
        if (lease != null) {
            try {
                parsed = Durations.parse(lease.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                log.line("lock.lease '" + lease + "' is not of the form 90s/2m: waiting for the default lease");
            }
        }
        return parsed.plus(LOCK_MARGIN);
    }

    /** Secrets as the engine's configuration overrides ({@code CONVERGE_<KEY>}); nothing of the process. */
    Map<String, String> secretEnvironment() {
        Map<String, String> environment = new TreeMap<>();
        settings.secrets().forEach((key, value) -> environment.put("CONVERGE_"
                + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return environment;
    }

    private void writeConfig() {
        Properties properties = new Properties();
        properties.putAll(settings.config());
        Path file = workDir.resolve("converge." + settings.stack() + ".properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "from the Stack resource and its ConfigMaps");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A held lock, a configuration problem (diagnostics at {@code config:KEY}), or any other refusal. */
    static JobResult.Status classify(ConvergeException refused) {
        if (refused.diagnostics().stream().map(Diagnostic::summary).anyMatch(summary -> summary.contains(") is locked"))) {
            return JobResult.Status.LOCKED;
        }
        return refused.diagnostics().stream().anyMatch(d -> d.address().startsWith("config:"))
                ? JobResult.Status.CONFIG_INVALID : JobResult.Status.REFUSED;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
