package dev.converge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the engine treats a resource, independent of its type. Stored in state with the resource, so
 * that {@code protect} still holds after the code that set it is deleted.
 *
 * @param protect refuse to delete or replace the resource
 * @param ignoreChanges property paths whose differences are ignored after creation
 * @param replaceOnChanges property paths whose change forces a replacement even if the provider
 *     could update in place
 * @param replacementOrder create-before-delete or delete-before-create
 * @param retainOnDelete forget the resource on delete instead of destroying the real object
 * @param aliases earlier addresses of this resource: a rename in code moves it instead of recreating it
 * @param timeouts per-operation time limits
 * @param dependsOn explicit dependencies beyond those implied by {@link Output} references
 * @param holdsData the resource holds data (a volume, a table): rollbacks flag it and never delete it
 *     without explicit consent
 * @param immutable any change replaces the resource (create before delete), as for an immutable server
 */
public record ResourceOptions(
        boolean protect,
        List<String> ignoreChanges,
        List<String> replaceOnChanges,
        ReplacementOrder replacementOrder,
        boolean retainOnDelete,
        List<String> aliases,
        Timeouts timeouts,
        List<Address> dependsOn,
        boolean holdsData,
        boolean immutable) {

    private static final ResourceOptions DEFAULTS = new ResourceOptions(false, List.of(), List.of(),
            ReplacementOrder.DEFAULT, false, List.of(), Timeouts.defaults(), List.of(), false, false);

    public ResourceOptions {
        ignoreChanges = List.copyOf(ignoreChanges);
        replaceOnChanges = List.copyOf(replaceOnChanges);
        Objects.requireNonNull(replacementOrder, "replacementOrder");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(timeouts, "timeouts");
        dependsOn = List.copyOf(dependsOn);
    }

    public static ResourceOptions defaults() {
        return DEFAULTS;
    }

    public ResourceOptions withProtect(boolean value) {
        return new ResourceOptions(value, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete,
                aliases, timeouts, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withIgnoreChanges(List<String> paths) {
        return new ResourceOptions(protect, concat(ignoreChanges, paths), replaceOnChanges, replacementOrder,
                retainOnDelete, aliases, timeouts, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withReplaceOnChanges(List<String> paths) {
        return new ResourceOptions(protect, ignoreChanges, concat(replaceOnChanges, paths), replacementOrder,
                retainOnDelete, aliases, timeouts, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withReplacementOrder(ReplacementOrder order) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, order, retainOnDelete,
                aliases, timeouts, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withRetainOnDelete(boolean value) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, replacementOrder, value,
                aliases, timeouts, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withAliases(List<String> more) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete,
                concat(aliases, more), timeouts, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withTimeouts(Timeouts value) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete,
                aliases, value, dependsOn, holdsData, immutable);
    }

    public ResourceOptions withDependsOn(List<Address> more) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete,
                aliases, timeouts, concat(dependsOn, more), holdsData, immutable);
    }

    public ResourceOptions withHoldsData(boolean value) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete,
                aliases, timeouts, dependsOn, value, immutable);
    }

    public ResourceOptions withImmutable(boolean value) {
        return new ResourceOptions(protect, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete,
                aliases, timeouts, dependsOn, holdsData, value);
    }

    /*
     * equals and hashCode are written out, with the record's meaning: the generated ones build their method
     * handles on first use, which costs a short run (reading a state compares every resource's options with
     * the defaults) more than all of its comparisons (docs/benchmarks.md, "Start-up").
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceOptions that && protect == that.protect
                && ignoreChanges.equals(that.ignoreChanges) && replaceOnChanges.equals(that.replaceOnChanges)
                && replacementOrder == that.replacementOrder && retainOnDelete == that.retainOnDelete
                && aliases.equals(that.aliases) && timeouts.equals(that.timeouts) && dependsOn.equals(that.dependsOn)
                && holdsData == that.holdsData && immutable == that.immutable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protect, ignoreChanges, replaceOnChanges, replacementOrder, retainOnDelete, aliases,
                timeouts, dependsOn, holdsData, immutable);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        for (T item : second) {
            if (!all.contains(item)) {
                all.add(item);
            }
        }
        return all;
    }
}
