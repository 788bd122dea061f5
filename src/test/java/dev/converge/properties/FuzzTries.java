package dev.converge.properties;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a long run outside CI raise the number of tries of every property it is added to:
 * {@code -Dconverge.fuzz.tries=20000}. Without the system property the annotated default holds.
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The system property that overrides the tries. */
    public static final String PROPERTY = "converge.fuzz.tries";

    /** Below this many tries a percentage says nothing; a debugging run with fewer skips the coverage checks. */
    static final int MIN_TRIES_FOR_COVERAGE = 20;

    /** Whether the properties assert their statistics in this run. */
    static boolean checkCoverage() {
        Integer tries = Integer.getInteger(PROPERTY);
        return tries == null || tries >= MIN_TRIES_FOR_COVERAGE;
    }

    /** Registered on a class, the hook must reach its property methods (jqwik's default stops at the class). */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Integer tries = Integer.getInteger(PROPERTY);
        if (tries != null) {
            context.attributes().setTries(tries);
        }
        return property.execute();
    }
}
