package dev.converge.engine.plan;

import dev.converge.api.ResourceOptions;
import dev.converge.spi.PropertyDiff;
import java.util.ArrayList;
import java.util.List;

/** The engine's resource options applied to a provider's diff: ignoreChanges, replaceOnChanges, immutable. */
public final class DiffRules {

    private DiffRules() {
    }

    /** The rules, then secrets masked, for a diff shown in a plan. */
    static List<PropertyDiff> forPlan(List<PropertyDiff> diffs, ResourceOptions options,
            java.util.Map<String, Object> prior, java.util.Map<String, Object> desired,
            dev.converge.spi.ResourceSchema schema) {
        return SecretDiffs.mask(apply(diffs, options), prior, desired, schema);
    }

    public static List<PropertyDiff> apply(List<PropertyDiff> diffs, ResourceOptions options) {
        List<PropertyDiff> kept = new ArrayList<>();
        for (PropertyDiff diff : diffs) {
            if (options.ignoreChanges().stream().anyMatch(diff::isUnder)) {
                continue;
            }
            boolean forced = diff.forcesReplacement() || options.immutable()
                    || options.replaceOnChanges().stream().anyMatch(diff::isUnder);
            kept.add(diff.withForcesReplacement(forced));
        }
        return kept;
    }
}
