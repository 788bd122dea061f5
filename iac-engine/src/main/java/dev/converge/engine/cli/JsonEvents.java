package dev.converge.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.api.Diagnostic;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.Recovered;
import dev.converge.engine.automation.ResourceOutcome;
import dev.converge.engine.plan.Drift;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code apply --json} and {@code destroy --json}: every engine event as one JSON object on one line of
 * standard output, then one {@code summary} line from the result (or one {@code error} line when the run
 * stopped before changing anything). Each object has {@code type} and {@code time}; the fields of each type are
 * in docs/events-json.md. Secret values are written as {@code "(sensitive)"}, as in the JSON plan. The engine
 * delivers events one at a time; {@link #write} is synchronized for the summary written after the run.
 */
final class JsonEvents implements EngineListener {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;
    private final String operation;
    private final Clock clock;
    /** Retries so far per resource and operation, reported with its outcome. */
    private final Map<String, AtomicInteger> retries = new ConcurrentHashMap<>();

    JsonEvents(PrintStream out, String operation, Clock clock) {
        this.out = out;
        this.operation = operation;
        this.clock = clock;
    }

    @Override
    public void onEvent(EngineEvent event) {
        write(switch (event.kind()) {
            case LOCK_TAKEN_OVER -> lockTakenOver((EngineEvent.LockTakenOver) event);
            case LOCK_ACQUIRED -> lockAcquired((EngineEvent.LockAcquired) event);
            case PLAN_COMPUTED -> plan(line("plan"), ((EngineEvent.PlanComputed) event).plan());
            case ROLLBACK_PLANNED -> rollbackPlanned((EngineEvent.RollbackPlanned) event);
            case APPLY_STARTED -> summary(line("apply_start"), ((EngineEvent.ApplyStarted) event).summary());
            case RECOVERY_DONE -> recovery(((EngineEvent.RecoveryDone) event).recovered());
            case RESOURCE_STARTED -> started((EngineEvent.ResourceStarted) event);
            case RESOURCE_STILL_RUNNING -> stillRunning((EngineEvent.ResourceStillRunning) event);
            case RESOURCE_FINISHED -> finished((EngineEvent.ResourceFinished) event);
            case RESOURCE_FAILED -> failed((EngineEvent.ResourceFailed) event);
            case RESOURCE_RETRIED -> retried((EngineEvent.ResourceRetried) event);
            case RESOURCE_SKIPPED -> skipped((EngineEvent.ResourceSkipped) event);
            case STEP_REACHED -> step((EngineEvent.StepReached) event);
            case VERIFICATION_RESULT -> verification((EngineEvent.VerificationResult) event);
            case PROMOTION_STARTED -> promotion((EngineEvent.PromotionStarted) event);
            case DEPLOYMENT_CONTROL_STARTED -> control((EngineEvent.DeploymentControlStarted) event);
            case CONCURRENCY_CHANGED -> concurrency((EngineEvent.ConcurrencyChanged) event);
        });
    }

    /** Writes {@code node} as one line and flushes, so that a consumer sees each event as it happens. */
    synchronized void write(ObjectNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event cannot be written as JSON", e);
        }
        out.flush();
    }

    /** A new line of {@code type}, stamped with the time. */
    ObjectNode line(String type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        node.put("time", clock.instant().toString());
        return node;
    }

    /** The {@code error} line of a run that stopped before changing anything. */
    ObjectNode error(List<Diagnostic> diagnostics) {
        ObjectNode node = line("error").put("operation", operation).put("exit_code", 1);
        diagnostics(node.putArray("diagnostics"), diagnostics);
        return node;
    }

    /** The {@code summary} line: how the run ended, per resource, with the stack outputs (secrets masked). */
    ObjectNode summary(ApplyResult result, int exitCode) {
        ObjectNode node = line("summary").put("operation", operation).put("status", lower(result.status()))
                .put("exit_code", exitCode).put("added", result.added()).put("changed", result.changed())
                .put("destroyed", result.destroyed()).put("state_serial", result.state().serial());
        result.releaseSerial().ifPresent(serial -> node.put("release_serial", serial));
        ArrayNode resources = node.putArray("resources");
        for (ResourceOutcome outcome : result.resources()) {
            ObjectNode entry = resources.addObject().put("address", outcome.address().toString())
                    .put("action", lower(outcome.change())).put("status", lower(outcome.status()));
            outcome.id().ifPresent(id -> entry.put("id", id));
        }
        diagnostics(node.putArray("failures"), result.failures());
        // After a destroy the stack has no outputs, as the text summary shows none.
        node.set("outputs", MAPPER.valueToTree(Json.mask(operation.equals("destroy") ? Map.of() : result.outputs())));
        node.put("recovered", result.recovered().size());
        ArrayNode paused = node.putArray("paused");
        result.paused().forEach(p -> paused.addObject().put("address", p.address().toString())
                .put("step", p.step().toString()));
        return node;
    }

    static void diagnostics(ArrayNode into, List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            into.addObject().put("severity", diagnostic.severity().name().toLowerCase(Locale.ROOT))
                    .put("address", diagnostic.address()).put("summary", diagnostic.summary())
                    .put("detail", diagnostic.detail());
        }
    }

    private ObjectNode lockTakenOver(EngineEvent.LockTakenOver taken) {
        ObjectNode node = line("lock_taken_over").put("stack", taken.stack()).put("reason", taken.reason())
                .put("message", taken.description());
        node.putObject("previous").put("id", taken.previous().id()).put("user", taken.previous().user())
                .put("host", taken.previous().host()).put("pid", taken.previous().pid())
                .put("operation", taken.previous().operation())
                .put("acquired_at", String.valueOf(taken.previous().acquiredAt()));
        return node;
    }

    private ObjectNode lockAcquired(EngineEvent.LockAcquired acquired) {
        return line("lock_acquired").put("stack", acquired.stack()).put("operation", acquired.operation())
                .put("lock_id", acquired.lock().id());
    }

    /** The plan's summary, its actions (no-ops left out) and what refresh found, in the JSON plan's words. */
    private ObjectNode plan(ObjectNode node, Plan plan) {
        ObjectNode full = PlanJson.toJson(plan);
        node.put("operation", operation).put("stack", plan.stack()).put("mode", full.get("mode").asText())
                .put("prior_serial", plan.priorSerial());
        node.set("summary", full.get("summary"));
        ArrayNode changes = node.putArray("changes");
        full.withArray("changes").forEach(change -> {
            if (!change.get("action").asText().equals("no_op")) {
                ObjectNode entry = changes.addObject();
                List.of("address", "type", "action", "cause", "reason", "from").forEach(field -> {
                    if (change.has(field)) {
                        entry.set(field, change.get(field));
                    }
                });
            }
        });
        ArrayNode drift = node.putArray("drift");
        for (Drift found : plan.drift()) {
            drift.addObject().put("address", found.address().toString()).put("type", found.type())
                    .put("deleted", found.deleted());
        }
        node.set("warnings", full.get("warnings"));
        return node;
    }

    private ObjectNode rollbackPlanned(EngineEvent.RollbackPlanned planned) {
        ObjectNode node = plan(line("rollback_plan"), planned.plan()).put("from_serial", planned.fromSerial())
                .put("to_serial", planned.toSerial());
        planned.dataChanges().forEach(node.putArray("data_changes")::add);
        return node;
    }

    private static ObjectNode summary(ObjectNode node, Plan.Summary summary) {
        node.putObject("summary").put("add", summary.add()).put("change", summary.change())
                .put("destroy", summary.destroy()).put("move", summary.move()).put("import", summary.importCount());
        return node;
    }

    private ObjectNode recovery(List<Recovered> recovered) {
        ObjectNode node = line("recovery");
        ArrayNode steps = node.putArray("steps");
        for (Recovered step : recovered) {
            steps.addObject().put("address", step.address().toString()).put("operation", step.operation())
                    .put("outcome", lower(step.outcome())).put("message", step.message());
        }
        return node;
    }

    private ObjectNode resource(String type, Object address, EngineEvent.Operation operation) {
        return line(type).put("address", address.toString()).put("operation", lower(operation));
    }

    private ObjectNode started(EngineEvent.ResourceStarted started) {
        return resource("resource_start", started.address(), started.operation());
    }

    private ObjectNode stillRunning(EngineEvent.ResourceStillRunning still) {
        return resource("resource_progress", still.address(), still.operation())
                .put("elapsed_ms", still.elapsed().toMillis());
    }

    private ObjectNode finished(EngineEvent.ResourceFinished done) {
        return ended(resource("resource_done", done.address(), done.operation()), done.address(), done.operation(),
                done.elapsed()).put("id", done.id());
    }

    private ObjectNode failed(EngineEvent.ResourceFailed failed) {
        return ended(resource("resource_failed", failed.address(), failed.operation()), failed.address(),
                failed.operation(), failed.elapsed()).put("message", failed.message());
    }

    private ObjectNode ended(ObjectNode node, Object address, EngineEvent.Operation operation, Duration elapsed) {
        AtomicInteger count = retries.remove(address + " " + operation);
        return node.put("elapsed_ms", elapsed.toMillis()).put("retries", count == null ? 0 : count.get());
    }

    private ObjectNode retried(EngineEvent.ResourceRetried retry) {
        retries.computeIfAbsent(retry.address() + " " + retry.operation(), key -> new AtomicInteger()).incrementAndGet();
        return resource("resource_retry", retry.address(), retry.operation()).put("attempt", retry.attempt())
                .put("backoff_ms", retry.backoff().toMillis()).put("message", retry.message());
    }

    private ObjectNode concurrency(EngineEvent.ConcurrencyChanged changed) {
        return line("concurrency").put("provider", changed.provider()).put("from", changed.from())
                .put("to", changed.to()).put("throttled", changed.throttled());
    }

    private ObjectNode skipped(EngineEvent.ResourceSkipped skipped) {
        return line("resource_skipped").put("address", skipped.address().toString()).put("reason", skipped.reason());
    }

    private ObjectNode step(EngineEvent.StepReached reached) {
        return line("deployment_step").put("address", reached.address().toString())
                .put("step", reached.step().toString());
    }

    private ObjectNode verification(EngineEvent.VerificationResult check) {
        return line("verification").put("address", check.address().toString()).put("step", check.step().toString())
                .put("version", check.version()).put("passed", check.passed()).put("detail", check.detail());
    }

    private ObjectNode promotion(EngineEvent.PromotionStarted started) {
        return line("promotion_start").put("from_stack", started.fromStack()).put("to_stack", started.toStack())
                .put("serial", started.serial()).put("commit", started.commit()).put("services", started.services());
    }

    private ObjectNode control(EngineEvent.DeploymentControlStarted started) {
        return line("deployment_control").put("address", started.address().toString())
                .put("action", lower(started.action())).put("paused_at", started.pausedAt().toString());
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
