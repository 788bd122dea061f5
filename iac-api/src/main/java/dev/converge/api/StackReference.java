package dev.converge.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reference to another stack's outputs, returned by {@link Stack#reference}. Its outputs are read at
 * every plan from the last state the other stack wrote (its serial is shown in the plan); reading one
 * through this reference makes a dependency edge, like a resource's output.
 *
 * <p>Secret outputs of the other stack stay secret here: {@link #output} of a secret is a secret
 * {@link Output}, and {@link #secretOutput} keeps an output secret even if the other stack did not. A
 * missing stack, or a missing output asked for here, or one of another type than asked for, stops the plan
 * with an error naming the reference.
 *
 * <p>Thread-safe. It records which outputs the program asked for, and as which types, so that a missing
 * or ill-typed one is reported before anything changes; otherwise immutable.
 */
public final class StackReference {

    /** The type under which reads of another stack appear in plans. */
    public static final String TYPE = "converge:Stack";

    private final Address address;
    private final String stack;
    private final Map<String, Set<Class<?>>> requested = new ConcurrentHashMap<>();

    private StackReference(Address address, String stack) {
        this.address = Objects.requireNonNull(address, "address");
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    /** For the engine's {@link Stack} implementation and tests. */
    public static StackReference of(Address address, String stack) {
        return new StackReference(address, stack);
    }

    /** Where the reference appears in plans and dependency lists, such as {@code stack:network}. */
    public Address address() {
        return address;
    }

    /** The name of the referenced stack. */
    public String stack() {
        return stack;
    }

    /** The output {@code name} as text (numbers and booleans as written); read a map or list with a type. */
    public Output<String> output(String name) {
        return output(name, String.class);
    }

    /**
     * The output {@code name} as a {@code type}: {@code String}, {@code Long}, {@code Integer}, {@code Double},
     * {@code Boolean}, {@code Map} or {@code List}.
     *
     * @throws IllegalArgumentException when the plan finds a value of another type
     */
    public <T> Output<T> output(String name, Class<T> type) {
        Objects.requireNonNull(type, "type");
        requested.computeIfAbsent(Objects.requireNonNull(name, "name"), key -> ConcurrentHashMap.newKeySet()).add(type);
        return Output.fromResource(address, values -> convert(name, values.get(name), type));
    }

    /** The output {@code name} as text, kept secret even if the other stack did not mark it secret. */
    public Output<String> secretOutput(String name) {
        return output(name).asSecret();
    }

    /** The output {@code name} as a {@code type}, kept secret; see {@link #output(String, Class)}. */
    public <T> Output<T> secretOutput(String name, Class<T> type) {
        return output(name, type).asSecret();
    }

    /** The names of the outputs the program asked for, for the engine's check that each exists. */
    public Set<String> requestedOutputs() {
        return Set.copyOf(requested.keySet());
    }

    /**
     * Why {@code value}, read for the output {@code name}, does not convert to a type the program asked for
     * it as; empty when it does. For the engine, which reports it before any value is used.
     */
    public Optional<String> typeProblem(String name, Object value) {
        Object revealed = Secret.revealAll(value); // a secret output is read as its value, kept secret
        for (Class<?> type : requested.getOrDefault(name, Set.of())) {
            try {
                convert(name, revealed, type);
            } catch (IllegalArgumentException mismatch) {
                return Optional.of(mismatch.getMessage());
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private <T> T convert(String name, Object value, Class<T> type) {
        if (value == null || value instanceof Unknown || type.isInstance(value)) {
            return (T) value;
        }
        if (type == String.class && (value instanceof Number || value instanceof Boolean)) {
            return (T) String.valueOf(value);
        }
        if (value instanceof Number number) {
            if (type == Long.class) {
                return (T) Long.valueOf(number.longValue());
            }
            if (type == Integer.class) {
                return (T) Integer.valueOf(number.intValue());
            }
            if (type == Double.class) {
                return (T) Double.valueOf(number.doubleValue());
            }
        }
        String kind = kindOf(value);
        throw new IllegalArgumentException("output '" + name + "' of stack '" + stack + "' is a " + kind + ", not a "
                + type.getSimpleName() + "; read it with output(\"" + name + "\", " + kind + ".class)");
    }

    private static String kindOf(Object value) {
        return value instanceof Map<?, ?> ? "Map" : value instanceof List<?> ? "List"
                : value.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "StackReference(" + stack + ")";
    }
}
