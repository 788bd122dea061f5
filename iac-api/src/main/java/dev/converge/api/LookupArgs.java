package dev.converge.api;

/**
 * Base of every typed lookup builder: a read-only query for one object that Converge does not manage
 * (a data source), such as an existing VPC found by its tags. Each setter returns a new immutable value;
 * nothing is registered until {@link Scope#lookup} is called.
 *
 * <p>The lookup is read at every plan, never created, changed or deleted. Its filter values may be plain
 * or {@link Output}s; a filter that depends on a value known only after apply is read during apply. A
 * lookup that finds no object, or more than one, stops the plan with an error naming it and its filter.
 *
 * <p>Subclasses add typed filter setters that call {@link #with} or {@link #withEntry} and define
 * {@link #outputs} to turn the provider's property map (with {@code id}) into a typed view.
 *
 * @param <L> the concrete builder type, returned by every setter
 * @param <O> the typed view of the found object's outputs
 */
public abstract class LookupArgs<L extends LookupArgs<L, O>, O> extends DeclarationArgs<L, O> {

    /** @param declaration the lookup's type ({@code provider:Kind}), its name and its filter as properties */
    protected LookupArgs(Declaration declaration) {
        super(declaration);
    }

    @Override
    public String toString() {
        return "lookup " + declaration().type() + " " + declaration().name();
    }
}
