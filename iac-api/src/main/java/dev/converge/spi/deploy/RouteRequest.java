package dev.converge.spi.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete routing of one router.
 *
 * @param routerId as {@link RouterInfo#id()}
 * @param backends the versions that get client traffic, by weight; none (or all weight 0): clients get 503
 * @param preview the version the preview endpoint reaches, if any
 * @param mirror the version every client request is copied to (responses discarded), if any
 * @param timeout how long the router may take to apply the routing
 */
public record RouteRequest(String routerId, List<Backend> backends, Optional<Backend> preview,
        Optional<Backend> mirror, Duration timeout) {

    public RouteRequest {
        Objects.requireNonNull(routerId, "routerId");
        backends = List.copyOf(backends);
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(timeout, "timeout");
    }
}
