package dev.converge.providers.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an object's {@code metadata.managedFields} to find the fields another field manager owns,
 * such as {@code spec.replicas} after a HorizontalPodAutoscaler scaled a Deployment. Converge neither
 * reports such fields as drift nor overwrites them; what {@link FieldOwners} calls out-of-band (kubectl)
 * is drift instead. Pure.
 *
 * <p>Only map fields ({@code f:} entries) count; list items ({@code k:}, {@code v:}, {@code i:}
 * entries) are skipped, so a sidecar injected into a container list does not hide the whole list.
 */
final class ManagedFields {

    private ManagedFields() {
    }

    /**
     * Paths from the object's root that managers other than Converge own and Converge does not; fields
     * only out-of-band managers (kubectl) wrote are not foreign: they are drift.
     */
    static Set<List<String>> foreign(Map<String, Object> live, FieldOwners owners) {
        Set<List<String>> theirs = new LinkedHashSet<>();
        Set<List<String>> mine = new LinkedHashSet<>();
        for (Object entry : asList(Trees.get(live, List.of("metadata", "managedFields")))) {
            if (!(entry instanceof Map<?, ?> fields)) {
                continue;
            }
            Object manager = fields.get("manager");
            if (owners.isOutOfBand(manager)) {
                continue;
            }
            Set<List<String>> target = owners.isOurs(manager) ? mine : theirs;
            collect(fields.get("fieldsV1"), new ArrayList<>(), target);
        }
        theirs.removeAll(mine);
        theirs.removeIf(path -> path.get(0).equals("metadata") && path.size() <= 2);
        return theirs;
    }

    /**
     * For a stack that switches to server-side apply: the object's managedFields with the fields Converge's
     * plain updates wrote (manager {@code manager}, operation Update) moved to its Apply entry, the way
     * {@code kubectl apply --server-side} upgrades objects kubectl applied client-side. To server-side
     * apply, Update and Apply are different managers: without the move, the first apply conflicts with
     * Converge's own earlier writes, and fields dropped from the program are never removed. Empty when
     * there is nothing to move.
     */
    @SuppressWarnings("unchecked")
    static Optional<List<Object>> updatesMovedToApply(Map<String, Object> live, String manager) {
        List<Object> entries = new ArrayList<>(asList(Trees.get(live, List.of("metadata", "managedFields"))));
        List<Object> updates = entries.stream().filter(e -> isEntry(e, manager, "Update")).toList();
        if (updates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> apply = entries.stream().filter(e -> isEntry(e, manager, "Apply")).findFirst()
                .map(e -> Trees.copyMap((Map<String, Object>) e)).orElseGet(() -> newApplyEntry(live, manager));
        Object fields = apply.getOrDefault("fieldsV1", Map.of());
        for (Object update : updates) {
            fields = Trees.merge(fields, ((Map<String, Object>) update).getOrDefault("fieldsV1", Map.of()), Map.of());
        }
        apply.put("fieldsV1", fields);
        entries.removeIf(e -> isEntry(e, manager, "Update") || isEntry(e, manager, "Apply"));
        entries.add(apply);
        return Optional.of(entries);
    }

    private static boolean isEntry(Object entry, String manager, String operation) {
        return entry instanceof Map<?, ?> map && manager.equals(map.get("manager"))
                && operation.equals(map.get("operation")) && map.get("subresource") == null;
    }

    private static Map<String, Object> newApplyEntry(Map<String, Object> live, String manager) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("manager", manager);
        entry.put("operation", "Apply");
        entry.put("apiVersion", live.get("apiVersion"));
        entry.put("fieldsType", "FieldsV1");
        return entry;
    }

    private static void collect(Object node, List<String> path, Set<List<String>> out) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        boolean leaf = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.startsWith("f:")) {
                leaf = false;
                List<String> child = new ArrayList<>(path);
                child.add(key.substring(2));
                collect(entry.getValue(), child, out);
            } else if (!key.equals(".")) {
                leaf = false;
            }
        }
        if (leaf && !path.isEmpty()) {
            out.add(List.copyOf(path));
        }
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
