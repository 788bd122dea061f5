package dev.converge.engine.automation;

import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;

/**
 * What {@link StackEngine#importResource} adopted. Immutable.
 *
 * @param resource the adopted object as state now records it
 * @param state the stack's state afterwards
 */
public record ImportResult(ResourceState resource, State state) {
}
