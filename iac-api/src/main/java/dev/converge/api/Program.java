package dev.converge.api;

/**
 * A user's infrastructure program: declares the desired resources of one stack.
 *
 * <p>{@link #define} must be deterministic for the same configuration and free of side effects:
 * the engine may call it more than once (for plan, for a saved-plan check, for apply).
 */
@FunctionalInterface
public interface Program {

    void define(Stack stack);
}
