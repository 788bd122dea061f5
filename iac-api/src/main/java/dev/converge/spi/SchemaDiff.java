package dev.converge.spi;

import dev.converge.api.ReplacementOrder;
import dev.converge.api.Unknown;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The default, pure diff of a resource's inputs per its {@link ResourceSchema}: every declared
 * property compared by value, map properties entry by entry, {@code forceNew} properties forcing a
 * replacement. Computed properties the program left out are not compared.
 */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    public static DiffResponse diff(ResourceSchema schema, Map<String, Object> prior, Map<String, Object> desired) {
        Map<String, Object> wanted = schema.withDefaults(desired);
        Set<String> keys = new LinkedHashSet<>(wanted.keySet());
        keys.addAll(prior.keySet());
        List<PropertyDiff> diffs = new ArrayList<>();
        for (String key : keys) {
            if (schema.outputsOnly().contains(key)) {
                continue;
            }
            PropertySchema property = schema.property(key);
            boolean forceNew = property != null && property.forceNew();
            boolean computed = property != null && property.computed();
            if (!wanted.containsKey(key)) {
                if (!computed && prior.get(key) != null) {
                    diffs.add(new PropertyDiff(key, PropertyDiff.Kind.REMOVE, prior.get(key), null, forceNew));
                }
                continue;
            }
            compare(key, prior.get(key), wanted.get(key), forceNew, diffs);
        }
        return new DiffResponse(diffs, ReplacementOrder.DEFAULT);
    }

    /** Appends the differences between {@code before} and {@code after} at {@code path}. */
    @SuppressWarnings("unchecked")
    public static void compare(String path, Object before, Object after, boolean forceNew, List<PropertyDiff> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> oldMap && after instanceof Map<?, ?> newMap) {
            Set<String> keys = new LinkedHashSet<>((Set<String>) newMap.keySet());
            keys.addAll((Set<String>) oldMap.keySet());
            for (String key : keys) {
                String child = path + "." + key;
                if (!newMap.containsKey(key)) {
                    out.add(new PropertyDiff(child, PropertyDiff.Kind.REMOVE, oldMap.get(key), null, forceNew));
                } else if (!oldMap.containsKey(key)) {
                    out.add(new PropertyDiff(child, PropertyDiff.Kind.ADD, null, newMap.get(key), forceNew));
                } else {
                    compare(child, oldMap.get(key), newMap.get(key), forceNew, out);
                }
            }
            return;
        }
        PropertyDiff.Kind kind = before == null ? PropertyDiff.Kind.ADD : PropertyDiff.Kind.CHANGE;
        if (after instanceof Unknown || Values.containsUnknown(after)) {
            kind = PropertyDiff.Kind.CHANGE;
        }
        out.add(new PropertyDiff(path, kind, before, after, forceNew));
    }
}
