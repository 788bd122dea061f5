package dev.converge.operator.controller;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a Stack's {@code status.conditions}, as Kubernetes conventions have it: a type, {@code True},
 * {@code False} or {@code Unknown}, a CamelCase reason, a message for people and when the status last changed.
 * Immutable.
 */
record Condition(String type, String status, String reason, String message, String lastTransitionTime) {

    static final String READY = "Ready";
    static final String PROGRESSING = "Progressing";
    static final String DRIFTED = "Drifted";
    static final String FAILED = "Failed";

    /** Messages are cut here: a condition is a summary, the Job's log has the rest. */
    static final int MAX_MESSAGE = 1500;

    Condition {
        message = message == null ? "" : message.length() <= MAX_MESSAGE ? message
                : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    boolean isTrue() {
        return "True".equals(status);
    }

    static Condition from(Map<?, ?> map) {
        return new Condition(text(map, "type"), text(map, "status"), text(map, "reason"), text(map, "message"),
                text(map, "lastTransitionTime"));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        map.put("status", status);
        map.put("reason", reason);
        map.put("message", message);
        map.put("lastTransitionTime", lastTransitionTime);
        return map;
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}
