package dev.converge.spi.deploy;

import dev.converge.spi.Ownership;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A router to create or adopt.
 *
 * @param name the router's stable name, unique per stack and service; used to find it again
 * @param owner the ownership labels to attach
 * @param template the service's instance template, from which a router learns the network to join
 * @param publishPort the host port clients use, or 0 for any free port
 * @param settings provider-specific settings, such as the router image
 * @param timeout how long to wait until the router answers
 */
public record RouterRequest(String name, Ownership owner, Map<String, Object> template, int publishPort,
        Map<String, Object> settings, Duration timeout) {

    public RouterRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        template = Map.copyOf(template);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(timeout, "timeout");
    }
}
