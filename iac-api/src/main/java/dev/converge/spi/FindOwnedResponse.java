package dev.converge.spi;

import java.util.List;

/**
 * @param objects every owned object found
 * @param supported false if the provider cannot search by labels; the engine then falls back to
 *     reading the objects it knows
 */
public record FindOwnedResponse(List<OwnedObject> objects, boolean supported) {

    public FindOwnedResponse {
        objects = List.copyOf(objects);
    }
}
