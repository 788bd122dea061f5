package dev.converge.engine.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A rule every plan must satisfy, written in Java: a name, an {@link Enforcement}, and a check over
 * the plan and the resources it leaves declared. The engine runs the registered policies on every
 * {@code plan} and {@code apply} (not on {@code destroy}); a {@link Enforcement#MANDATORY} violation
 * stops the run before anything changes, and every violation is reported with its resource address.
 *
 * <p>Implementations must be pure and thread-safe: they may run on any thread, more than once.
 *
 * <pre>{@code
 * Policy noLatest = Policy.mandatory("images-pinned", "pin the image to a tag or digest",
 *         r -> r.type().equals("docker:Container") && r.string("image").endsWith(":latest"));
 * }</pre>
 */
public interface Policy {

    /** How a violation is treated. */
    enum Enforcement {
        /** Reported as a warning; the run goes on. */
        ADVISORY,
        /** Stops plan and apply with exit code 1. */
        MANDATORY
    }

    /** A short, stable name such as {@code images-pinned}. */
    String name();

    Enforcement enforcement();

    /** Every violation in {@code input}; empty when the plan complies. */
    List<Violation> check(PolicyInput input);

    /**
     * A policy that checks each declared resource on its own.
     *
     * @param violates true for a resource that breaks the rule
     * @param message what is wrong and how to fix it, for one resource
     */
    static Policy perResource(String name, Enforcement enforcement, Predicate<PlannedResource> violates,
            Function<PlannedResource, String> message) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(violates, "violates");
        Objects.requireNonNull(message, "message");
        return new Policy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Enforcement enforcement() {
                return enforcement;
            }

            @Override
            public List<Violation> check(PolicyInput input) {
                List<Violation> found = new ArrayList<>();
                for (PlannedResource resource : input.resources()) {
                    if (violates.test(resource)) {
                        found.add(new Violation(name, enforcement, resource.address(), message.apply(resource)));
                    }
                }
                return found;
            }

            @Override
            public String toString() {
                return name + " (" + enforcement + ")";
            }
        };
    }

    /** A mandatory per-resource policy with a fixed message. */
    static Policy mandatory(String name, String message, Predicate<PlannedResource> violates) {
        return perResource(name, Enforcement.MANDATORY, violates, resource -> message);
    }

    /** An advisory per-resource policy with a fixed message. */
    static Policy advisory(String name, String message, Predicate<PlannedResource> violates) {
        return perResource(name, Enforcement.ADVISORY, violates, resource -> message);
    }

    /** This policy with another enforcement, for example to try a new mandatory rule as advisory first. */
    default Policy as(Enforcement newEnforcement) {
        Policy original = this;
        return new Policy() {
            @Override
            public String name() {
                return original.name();
            }

            @Override
            public Enforcement enforcement() {
                return newEnforcement;
            }

            @Override
            public List<Violation> check(PolicyInput input) {
                return original.check(input).stream()
                        .map(v -> new Violation(v.policy(), newEnforcement, v.address(), v.message())).toList();
            }
        };
    }
}
