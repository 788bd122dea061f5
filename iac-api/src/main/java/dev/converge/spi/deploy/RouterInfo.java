package dev.converge.spi.deploy;

import java.util.Objects;

/**
 * A router that exists.
 *
 * @param id the system's id of the router, passed to every later call
 * @param endpoint the address clients use, such as {@code http://127.0.0.1:32768}
 * @param previewEndpoint the address that reaches only the preview version (for verification before
 *     any client traffic reaches it)
 */
public record RouterInfo(String id, String endpoint, String previewEndpoint) {

    public RouterInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(previewEndpoint, "previewEndpoint");
    }
}
