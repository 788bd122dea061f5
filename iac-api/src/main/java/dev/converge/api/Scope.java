package dev.converge.api;

import java.util.function.Function;

/**
 * A node of the declaration tree: the stack itself or a component inside it.
 *
 * <p>Names of resources and components added to one scope must be unique; a duplicate is reported
 * as a diagnostic naming the path. Scopes are only valid while {@link Program#define} runs: the tree
 * is locked before the graph is built, and later calls fail.
 */
public interface Scope {

    /** The path of this scope; resources added here get {@code path()/name}. */
    Address path();

    /** Declares a resource in this scope and returns a reference to its future outputs. */
    <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource);

    /**
     * Looks up an object that Converge does not manage (a data source) and returns a reference to its
     * outputs, usable as inputs like any resource's. The lookup is read at every plan and never created,
     * changed or deleted; its name is unique among this scope's resources and components.
     *
     * @throws UnsupportedOperationException from a scope that cannot look objects up (a test double)
     */
    default <L extends LookupArgs<L, O>, O> Ref<O> lookup(L lookup) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot look objects up");
    }

    /** A child scope that groups resources, such as {@code erlbank} in {@code erlbank/accounts}. */
    Scope component(String name);

    /**
     * A child component whose resources (and nested components') use {@code configurations}, one per
     * provider, unless they choose their own: {@code stack.component("eu", euWest)} puts every AWS resource
     * added there in the {@code eu} configuration.
     *
     * @throws UnsupportedOperationException from a {@code Scope} that only records declarations
     */
    default Scope component(String name, ProviderRef... configurations) {
        if (configurations.length == 0) {
            return component(name);
        }
        throw new UnsupportedOperationException("this Scope (" + getClass().getName()
                + ") does not support provider configurations");
    }

    /** Runs {@code body} in a new child component and returns what it returns. */
    default <T> T component(String name, Function<Scope, T> body) {
        return body.apply(component(name));
    }

    /** The stack's configuration. */
    Config config();
}
