package dev.converge.spi;

import dev.converge.api.ReplacementOrder;
import java.util.List;
import java.util.Objects;

/**
 * What differs and whether the object must be replaced.
 *
 * @param diffs every changed property
 * @param replacementOrder what a replacement requires: {@link ReplacementOrder#DELETE_BEFORE_CREATE}
 *     when the new object would clash with the old one (a fixed name or path), otherwise DEFAULT
 */
public record DiffResponse(List<PropertyDiff> diffs, ReplacementOrder replacementOrder) {

    public DiffResponse {
        diffs = List.copyOf(diffs);
        Objects.requireNonNull(replacementOrder, "replacementOrder");
    }

    public static DiffResponse none() {
        return new DiffResponse(List.of(), ReplacementOrder.DEFAULT);
    }

    public boolean hasChanges() {
        return !diffs.isEmpty();
    }

    public boolean requiresReplacement() {
        return diffs.stream().anyMatch(PropertyDiff::forcesReplacement);
    }
}
