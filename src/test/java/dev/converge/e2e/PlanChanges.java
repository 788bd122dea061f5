package dev.converge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planned changes in the form the kit's contract tests compare: one JSON line per change, by
 * address, without ids, and for all but creates without before/after values. What an update changes is
 * its diffs; the before/after maps also carry values the real system computed (ARNs, URLs, uids), which
 * the kit fills with placeholders by design.
 */
public final class PlanChanges {

    private PlanChanges() {
    }

    /** The changes of a plan made in this process (the kit's). */
    public static String of(Plan plan) {
        return of(PlanJson.toJson(plan).get("changes"));
    }

    /** The {@code changes} array of {@code plan --json} output (the real backend's). */
    public static String of(JsonNode changes) {
        Map<String, String> byAddress = new TreeMap<>();
        for (JsonNode change : changes) {
            ObjectNode copy = change.deepCopy();
            copy.remove("id");
            if (!"create".equals(copy.path("action").asText())) {
                copy.remove("before");
                copy.remove("after");
            }
            byAddress.put(copy.get("address").asText(), copy.toString());
        }
        return String.join("\n", byAddress.values());
    }
}
