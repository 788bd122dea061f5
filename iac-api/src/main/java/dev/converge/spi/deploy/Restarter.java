package dev.converge.spi.deploy;

import dev.converge.api.Address;
import java.time.Duration;
import java.util.Map;

/**
 * A provider capability: restart a running object in place without changing its definition (the
 * lecture's "controlling deployment"), for {@code converge restart ADDR}. Exposed through
 * {@link dev.converge.spi.Provider#extension(Class)}. Returns when the object is ready again.
 */
public interface Restarter {

    /** Restarts one object; returns its outputs afterwards (which may have changed, such as an address). */
    Map<String, Object> restart(Request request);

    /** One object to restart, as state records it. */
    record Request(Address address, String type, String id, Map<String, Object> inputs, Map<String, Object> outputs,
            Duration timeout) {

        public Request {
            inputs = Map.copyOf(inputs);
            outputs = Map.copyOf(outputs);
        }
    }
}
