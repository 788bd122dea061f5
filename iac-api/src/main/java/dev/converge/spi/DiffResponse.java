package dev.converge.spi;

import dev.converge.api.ReplacementOrder;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What differs and whether the object must be replaced.
 *
 * @param diffs every changed property
 * @param replacementOrder what a replacement requires: {@link ReplacementOrder#DELETE_BEFORE_CREATE}
 *     when the new object would clash with the old one (a fixed name or path), otherwise DEFAULT
 * @param outputsChanging computed outputs that an in-place update of these diffs will change (such as a
 *     file's digest when its content changes); dependents see them as known only after apply
 */
public record DiffResponse(List<PropertyDiff> diffs, ReplacementOrder replacementOrder, Set<String> outputsChanging) {

    public DiffResponse {
        diffs = List.copyOf(diffs);
        Objects.requireNonNull(replacementOrder, "replacementOrder");
        outputsChanging = outputsChanging == null ? Set.of() : Set.copyOf(outputsChanging);
    }

    /** A diff whose updates change no computed output. */
    public DiffResponse(List<PropertyDiff> diffs, ReplacementOrder replacementOrder) {
        this(diffs, replacementOrder, Set.of());
    }

    /** The same diff, declaring which computed outputs an update changes. */
    public DiffResponse withOutputsChanging(Set<String> outputs) {
        return new DiffResponse(diffs, replacementOrder, outputs);
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
