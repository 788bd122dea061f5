package dev.converge.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Base of every typed resource builder. Each setter returns a new immutable value; nothing is
 * shared or registered until {@link Scope#add} is called.
 *
 * <p>Subclasses add typed setters that call {@link #with}, and define {@link #outputs} to turn the
 * property map returned by the provider into a typed view, so that programs can write
 * {@code ref.output(c -> c.ipAddress())}.
 *
 * @param <S> the concrete builder type, returned by every setter
 * @param <O> the typed view of the resource's outputs
 */
public abstract class ResourceArgs<S extends ResourceArgs<S, O>, O> extends DeclarationArgs<S, O> {

    protected ResourceArgs(Declaration declaration) {
        super(declaration);
    }

    private S withOptions(ResourceOptions options) {
        return wrap(declaration().withOptions(options));
    }

    /** Refuse to delete or replace this resource; {@code destroy} and replacements fail instead. */
    public final S protect() {
        return withOptions(declaration().options().withProtect(true));
    }

    public final S ignoreChanges(String... paths) {
        return withOptions(declaration().options().withIgnoreChanges(Arrays.asList(paths)));
    }

    public final S replaceOnChanges(String... paths) {
        return withOptions(declaration().options().withReplaceOnChanges(Arrays.asList(paths)));
    }

    public final S deleteBeforeReplace() {
        return withOptions(declaration().options().withReplacementOrder(ReplacementOrder.DELETE_BEFORE_CREATE));
    }

    public final S createBeforeReplace() {
        return withOptions(declaration().options().withReplacementOrder(ReplacementOrder.CREATE_BEFORE_DELETE));
    }

    public final S retainOnDelete() {
        return withOptions(declaration().options().withRetainOnDelete(true));
    }

    /** Earlier addresses of this resource (such as {@code old-name} or {@code group/old-name}). */
    public final S aliases(String... previousAddresses) {
        return withOptions(declaration().options().withAliases(Arrays.asList(previousAddresses)));
    }

    public final S timeouts(Timeouts timeouts) {
        return withOptions(declaration().options().withTimeouts(timeouts));
    }

    public final S timeout(Duration timeout) {
        return timeouts(Timeouts.all(timeout));
    }

    public final S dependsOn(Ref<?>... refs) {
        List<Address> addresses = new ArrayList<>();
        for (Ref<?> ref : refs) {
            addresses.add(ref.address());
        }
        return withOptions(declaration().options().withDependsOn(addresses));
    }

    /** Marks a resource that holds data: rollbacks never replace or delete it without consent. */
    public final S holdsData() {
        return withOptions(declaration().options().withHoldsData(true));
    }

    /** Any change replaces the resource, created before the old one is deleted. */
    public final S immutable() {
        return withOptions(declaration().options().withImmutable(true));
    }

    @Override
    public String toString() {
        return declaration().type() + " " + declaration().name();
    }
}
