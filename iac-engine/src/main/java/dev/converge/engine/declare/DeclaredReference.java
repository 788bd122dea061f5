package dev.converge.engine.declare;

import dev.converge.api.Address;
import dev.converge.api.StackReference;
import dev.converge.spi.state.StateBackend;
import java.util.Optional;

/**
 * A reference to another stack's outputs, as declared by the program. Immutable apart from the outputs
 * the handle records as the program asks for them.
 *
 * @param handle the program's handle: the referenced stack's name and the outputs asked for
 * @param backend where the referenced stack's state lives; empty for this stack's own backend
 */
public record DeclaredReference(Address address, StackReference handle, Optional<StateBackend> backend) {

    public String stack() {
        return handle.stack();
    }
}
