package dev.converge.api;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A reference to a declared resource, returned by {@link Scope#add}. Reading an output through it
 * creates a dependency edge in the graph.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <O> the typed view of the resource's outputs
 */
public final class Ref<O> {

    /** The key under which the engine adds the provider's id to a resource's outputs. */
    public static final String ID = "id";

    private final Address address;
    private final String type;
    private final Function<Map<String, Object>, O> view;

    private Ref(Address address, String type, Function<Map<String, Object>, O> view) {
        this.address = Objects.requireNonNull(address, "address");
        this.type = Objects.requireNonNull(type, "type");
        this.view = Objects.requireNonNull(view, "view");
    }

    /** For the engine's {@link Scope} implementation and tests. */
    public static <O> Ref<O> of(Address address, String type, Function<Map<String, Object>, O> view) {
        return new Ref<>(address, type, view);
    }

    public Address address() {
        return address;
    }

    public String type() {
        return type;
    }

    /** A value derived from the resource's typed outputs, known once the resource exists. */
    public <T> Output<T> output(Function<? super O, ? extends T> selector) {
        return Output.fromResource(address, values -> selector.apply(view.apply(values)));
    }

    /** One raw output property by name. */
    public Output<Object> output(String key) {
        return Output.fromResource(address, values -> values.get(key));
    }

    /** The provider's id of the resource. */
    public Output<String> id() {
        return Output.fromResource(address, values -> {
            Object id = values.get(ID);
            if (id == null || id instanceof Unknown) {
                throw new UnknownValueException(ID);
            }
            return String.valueOf(id);
        });
    }

    @Override
    public String toString() {
        return "Ref(" + address + ")";
    }
}
