package dev.converge.spi.deploy;

import java.util.Objects;

/**
 * One version behind a router.
 *
 * @param version the version's name, such as {@code blue} or {@code canary}
 * @param address where the router reaches it, as {@link TrafficRouter#backendAddress} returned
 * @param weight its share of client traffic relative to the other backends, 0 to 100
 */
public record Backend(String version, String address, int weight) {

    public Backend {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(address, "address");
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("weight of " + version + " must be 0..100, was " + weight);
        }
    }
}
