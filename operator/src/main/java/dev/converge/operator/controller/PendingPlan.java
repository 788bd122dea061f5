package dev.converge.operator.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan awaiting a reviewer's approval ({@code status.pendingPlan}, approval {@code manual}). Immutable.
 *
 * @param fingerprint what the {@code converge.dev/approve} annotation must name
 * @param summary its counts, such as {@code 1 to add, 0 to change, 0 to destroy}
 * @param changes one line per change
 * @param generation the Stack's generation it was planned for
 * @param plannedAt when
 */
record PendingPlan(String fingerprint, String summary, List<String> changes, long generation, Instant plannedAt) {

    PendingPlan {
        changes = List.copyOf(changes);
    }

    static PendingPlan from(Map<?, ?> map) {
        List<String> changes = new ArrayList<>();
        if (map.get("changes") instanceof List<?> list) {
            list.forEach(line -> changes.add(String.valueOf(line)));
        }
        return new PendingPlan(String.valueOf(map.get("fingerprint")), String.valueOf(map.get("summary")), changes,
                StackStatus.number(map.get("generation")), Instant.parse(String.valueOf(map.get("plannedAt"))));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("fingerprint", fingerprint);
        map.put("summary", summary);
        map.put("changes", changes);
        map.put("generation", generation);
        map.put("plannedAt", plannedAt.toString());
        return map;
    }
}
