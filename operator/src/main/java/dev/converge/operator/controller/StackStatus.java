package dev.converge.operator.controller;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Stack's {@code status}, read from and written back to the resource. Everything the controller decides
 * is derived from it and from the Jobs, never from memory, so another replica that takes over the lead
 * carries on where the last one stopped. A reconcile works on its own copy: not thread-safe.
 */
final class StackStatus {

    long observedGeneration;
    final List<Condition> conditions = new ArrayList<>();
    Long lastAppliedSerial;
    Map<String, String> outputs = new TreeMap<>();
    RunRecord lastRun;
    PendingPlan pendingPlan;
    String appliedFingerprint = "";
    String refusedApproval = "";
    List<String> drift = new ArrayList<>();
    int failures;
    long runs;
    Instant nextRunAt;
    Instant nextDriftCheckAt;
    boolean destroyed;

    Optional<RunRecord> runInFlight() {
        return lastRun != null && !lastRun.finished() ? Optional.of(lastRun) : Optional.empty();
    }

    Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** Sets a condition; its transition time changes only when its status does. */
    void set(String type, boolean value, String reason, String message, Instant now) {
        String status = value ? "True" : "False";
        Optional<Condition> old = condition(type);
        String since = old.filter(c -> c.status().equals(status)).map(Condition::lastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Condition updated = new Condition(type, status, reason, message, since);
        old.ifPresentOrElse(c -> conditions.set(conditions.indexOf(c), updated), () -> conditions.add(updated));
    }

    static StackStatus from(Map<String, Object> map) {
        StackStatus status = new StackStatus();
        if (map == null) {
            return status;
        }
        status.observedGeneration = number(map.get("observedGeneration"));
        if (map.get("conditions") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(c -> status.conditions.add(Condition.from((Map<?, ?>) c)));
        }
        status.lastAppliedSerial = map.get("lastAppliedSerial") == null ? null : number(map.get("lastAppliedSerial"));
        if (map.get("outputs") instanceof Map<?, ?> outputs) {
            outputs.forEach((k, v) -> status.outputs.put(String.valueOf(k), String.valueOf(v)));
        }
        status.lastRun = map.get("lastRun") instanceof Map<?, ?> run ? RunRecord.from(run) : null;
        status.pendingPlan = map.get("pendingPlan") instanceof Map<?, ?> plan ? PendingPlan.from(plan) : null;
        status.appliedFingerprint = text(map.get("appliedFingerprint"));
        status.refusedApproval = text(map.get("refusedApproval"));
        if (map.get("drift") instanceof List<?> list) {
            list.forEach(line -> status.drift.add(String.valueOf(line)));
        }
        status.failures = (int) number(map.get("failures"));
        status.runs = number(map.get("runs"));
        status.nextRunAt = instant(map.get("nextRunAt"));
        status.nextDriftCheckAt = instant(map.get("nextDriftCheckAt"));
        status.destroyed = Boolean.TRUE.equals(map.get("destroyed"));
        return status;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("observedGeneration", observedGeneration);
        map.put("conditions", conditions.stream().map(Condition::toMap).toList());
        putIf(map, "lastAppliedSerial", lastAppliedSerial);
        if (!outputs.isEmpty()) {
            map.put("outputs", new TreeMap<>(outputs));
        }
        putIf(map, "lastRun", lastRun == null ? null : lastRun.toMap());
        putIf(map, "pendingPlan", pendingPlan == null ? null : pendingPlan.toMap());
        putIf(map, "appliedFingerprint", appliedFingerprint.isEmpty() ? null : appliedFingerprint);
        putIf(map, "refusedApproval", refusedApproval.isEmpty() ? null : refusedApproval);
        if (!drift.isEmpty()) {
            map.put("drift", List.copyOf(drift));
        }
        map.put("failures", failures);
        map.put("runs", runs);
        putIf(map, "nextRunAt", nextRunAt == null ? null : nextRunAt.toString());
        putIf(map, "nextDriftCheckAt", nextDriftCheckAt == null ? null : nextDriftCheckAt.toString());
        if (destroyed) {
            map.put("destroyed", true);
        }
        return map;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(String.valueOf(value));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
