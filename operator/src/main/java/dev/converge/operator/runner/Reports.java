package dev.converge.operator.runner;

import dev.converge.api.Diagnostic;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Drift;
import dev.converge.engine.plan.Plan;
import dev.converge.operator.JobResult;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Values;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Turns the Automation API's results into a {@link JobResult}: counts, lines, masked outputs. Pure. */
final class Reports {

    static final String SENSITIVE = "(sensitive)";

    private Reports() {
    }

    /**
     * What a reviewer approves: a hash of the stack, the state the plan was made on (lineage and serial) and
     * the engine's fingerprint of the program's declarations, the planned changes and the configuration. A new
     * plan of the same inputs has the same fingerprint; any change of them gives another.
     */
    static String fingerprint(Plan plan) {
        String inputs = String.join("\n", plan.stack(), plan.lineage(), Long.toString(plan.priorSerial()),
                plan.fingerprint().program(), plan.fingerprint().config());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(inputs.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static JobResult ofApply(JobResult.Mode mode, ApplyResult result, String lockTakenOver, double seconds) {
        JobResult.Status status = switch (result.status()) {
            case APPLIED -> JobResult.Status.APPLIED;
            case NO_CHANGES -> JobResult.Status.NO_CHANGES;
            case FAILED -> JobResult.Status.FAILED;
            case INTERRUPTED -> JobResult.Status.INTERRUPTED;
            case DECLINED -> JobResult.Status.STALE;
        };
        List<String> errors = result.failures().stream().map(Reports::line).collect(Collectors.toList());
        return new JobResult(mode, status, OptionalLong.of(result.state().serial()), counts(result.plan()),
                new JobResult.Counts(result.added(), result.changed(), result.destroyed()), fingerprint(result.plan()),
                changes(result.plan()), drift(result.plan()), masked(result.outputs()), errors, lockTakenOver,
                result.recovered().size(), seconds, false);
    }

    /** A plan that was only reported (plan and drift-check runs). */
    static JobResult ofPlan(JobResult.Mode mode, Plan plan, double seconds) {
        JobResult.Status status = plan.summary().isEmpty() ? JobResult.Status.NO_CHANGES : JobResult.Status.PLANNED;
        return new JobResult(mode, status, OptionalLong.of(plan.priorSerial()), counts(plan), JobResult.Counts.NONE,
                fingerprint(plan), changes(plan), drift(plan), masked(plan.outputs()), List.of(), "", 0, seconds, false);
    }

    static JobResult.Counts counts(Plan plan) {
        Plan.Summary summary = plan.summary();
        return new JobResult.Counts(summary.add(), summary.change(), summary.destroy());
    }

    /** {@code + k8s:ConfigMap settings}, one per change that does something. */
    static List<String> changes(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Change change : plan.changes()) {
            String symbol = switch (change.kind()) {
                case CREATE -> "+";
                case UPDATE -> "~";
                case REPLACE -> "-/+";
                case DELETE -> "-";
                case IMPORT -> "<=";
                case MOVE -> "->";
                case READ, NO_OP -> null;
            };
            if (symbol != null) {
                lines.add(symbol + " " + change.type() + " " + change.address());
            }
        }
        return lines;
    }

    /** {@code k8s:Deployment web: deleted outside Converge}, or the properties changed. */
    static List<String> drift(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Drift drift : plan.drift()) {
            String what = drift.deleted() ? "deleted outside Converge"
                    : "changed outside Converge (" + drift.diffs().stream().map(PropertyDiff::path)
                            .collect(Collectors.joining(", ")) + ")";
            lines.add(drift.type() + " " + drift.address() + ": " + what);
        }
        return lines;
    }

    /** Outputs as text; one holding a secret anywhere is {@code (sensitive)}. */
    static Map<String, String> masked(Map<String, Object> outputs) {
        Map<String, String> result = new LinkedHashMap<>();
        outputs.forEach((name, value) -> result.put(name, Values.containsSecret(value) ? SENSITIVE
                : String.valueOf(value)));
        return result;
    }

    static String line(Diagnostic diagnostic) {
        return diagnostic.render().replace('\n', ' ');
    }
}
