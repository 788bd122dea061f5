package dev.converge.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A value that may not be known until apply: a plain value, a secret, or something derived from
 * another resource's outputs. Every resource an output was derived from becomes a dependency of the
 * resource whose property holds it.
 *
 * <p>Immutable and thread-safe as long as the functions given to {@link #map} and {@link #combine}
 * are pure. Functions run only once their inputs are known, and may run more than once.
 *
 * @param <T> the type of the eventual value
 */
public final class Output<T> {

    /** Gives the engine's view of resources' outputs while outputs are resolved. */
    @FunctionalInterface
    public interface Resolver {
        /** The outputs of the resource at {@code address} (with {@code id}), or empty while unknown. */
        Optional<Map<String, Object>> outputsOf(Address address);
    }

    /**
     * The outcome of resolving an output.
     *
     * @param known false while a value it depends on is known only after apply
     * @param value the value when known (may be null only if a function returned null)
     * @param secret whether the value derives from a secret
     */
    public record Resolution<T>(boolean known, T value, boolean secret) {
        static <T> Resolution<T> unknown(boolean secret) {
            return new Resolution<>(false, null, secret);
        }
    }

    private static final String UNKNOWN_TEXT = Unknown.INSTANCE.toString();

    private final Set<Address> dependencies;
    private final boolean secret;
    private final Function<Resolver, Resolution<T>> evaluator;

    private Output(Set<Address> dependencies, boolean secret, Function<Resolver, Resolution<T>> evaluator) {
        this.dependencies = Collections.unmodifiableSet(dependencies);
        this.secret = secret;
        this.evaluator = evaluator;
    }

    public static <T> Output<T> of(T value) {
        return new Output<>(Set.of(), false, resolver -> new Resolution<>(true, value, false));
    }

    /** A known value that is kept secret everywhere it goes. */
    public static <T> Output<T> secret(T value) {
        return new Output<>(Set.of(), true, resolver -> new Resolution<>(true, value, true));
    }

    /** A value that is never known at plan time; mostly for tests. */
    public static <T> Output<T> unknown() {
        return new Output<>(Set.of(), false, resolver -> Resolution.unknown(false));
    }

    /** Derived from the outputs of the resource at {@code address}; used by {@link Ref}. */
    static <T> Output<T> fromResource(Address address, Function<Map<String, Object>, ? extends T> selector) {
        return new Output<>(Set.of(address), false, resolver -> {
            Optional<Map<String, Object>> values = resolver.outputsOf(address);
            if (values.isEmpty()) {
                return Resolution.unknown(false);
            }
            // The selector sees secrets revealed; what it selects stays secret if it holds one (SecretTaint).
            List<Object> secrets = SecretTaint.secretLeaves(values.get());
            Object selected;
            try {
                selected = selector.apply(secrets.isEmpty() ? values.get() : SecretTaint.revealed(values.get()));
            } catch (UnknownValueException notYet) {
                return Resolution.unknown(false);
            } catch (ClassCastException notYet) {
                // A typed view that casts a value known only after apply: unknown, not a failure.
                if (containsUnknown(values.get())) {
                    return Resolution.unknown(false);
                }
                throw notYet;
            }
            if (selected instanceof Unknown || containsUnknown(selected)) {
                return Resolution.unknown(false);
            }
            if (selected instanceof Secret hidden) {
                @SuppressWarnings("unchecked")
                T revealed = (T) hidden.reveal();
                return new Resolution<>(true, revealed, true);
            }
            @SuppressWarnings("unchecked")
            T value = (T) selected;
            return new Resolution<>(true, value, !secrets.isEmpty() && SecretTaint.mentions(selected, secrets));
        });
    }

    /**
     * True if the value is or holds {@link Unknown}, or a string made from one: a typed view that turns
     * an unknown value into text (with {@code toString}) must not pass it off as a known value.
     */
    private static boolean containsUnknown(Object value) {
        if (value instanceof Unknown) {
            return true;
        }
        if (value instanceof String text) {
            return text.contains(UNKNOWN_TEXT);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Output::containsUnknown);
        }
        return value instanceof List<?> list && list.stream().anyMatch(Output::containsUnknown);
    }

    public <U> Output<U> map(Function<? super T, ? extends U> function) {
        Objects.requireNonNull(function, "function");
        return new Output<>(dependencies, secret, resolver -> {
            Resolution<T> input = evaluator.apply(resolver);
            if (!input.known()) {
                return Resolution.unknown(input.secret());
            }
            return new Resolution<>(true, function.apply(input.value()), input.secret());
        });
    }

    public static <A, B, R> Output<R> combine(Output<A> first, Output<B> second,
            BiFunction<? super A, ? super B, ? extends R> function) {
        Set<Address> dependencies = new LinkedHashSet<>(first.dependencies);
        dependencies.addAll(second.dependencies);
        return new Output<>(dependencies, first.secret || second.secret, resolver -> {
            Resolution<A> a = first.evaluator.apply(resolver);
            Resolution<B> b = second.evaluator.apply(resolver);
            boolean secretResult = a.secret() || b.secret();
            if (!a.known() || !b.known()) {
                return Resolution.unknown(secretResult);
            }
            return new Resolution<>(true, function.apply(a.value(), b.value()), secretResult);
        });
    }

    /** All values in order, known when every one of them is. */
    public static <T> Output<List<T>> all(List<Output<T>> outputs) {
        Output<List<T>> result = of(List.of());
        for (Output<T> next : outputs) {
            result = combine(result, next, (list, item) -> {
                List<T> longer = new ArrayList<>(list);
                longer.add(item);
                return List.copyOf(longer);
            });
        }
        return result;
    }

    /** Formats like {@link String#format} once every argument is known. */
    public static Output<String> format(String pattern, Output<?>... args) {
        List<Output<Object>> widened = new ArrayList<>();
        for (Output<?> arg : args) {
            widened.add(arg.map(value -> (Object) value));
        }
        return all(widened).map(values -> String.format(pattern, values.toArray()));
    }

    /** The same value, kept secret. */
    public Output<T> asSecret() {
        return new Output<>(dependencies, true, resolver -> {
            Resolution<T> input = evaluator.apply(resolver);
            return new Resolution<>(input.known(), input.value(), true);
        });
    }

    /** The resources this value derives from. */
    public Set<Address> dependencies() {
        return dependencies;
    }

    /** Whether the value is known to be secret before it is resolved. */
    public boolean isSecret() {
        return secret;
    }

    /** Resolves the value against the engine's current knowledge; for the engine and test kits. */
    public Resolution<T> resolve(Resolver resolver) {
        return evaluator.apply(resolver);
    }

    @Override
    public String toString() {
        return secret ? "Output(" + Secret.MASK + ")" : "Output(depends on " + dependencies + ")";
    }
}
