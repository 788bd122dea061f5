package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.spi.PropertyDiff;
import java.util.List;

/**
 * A difference between state and the real system, found by refresh.
 *
 * @param deleted the object no longer exists
 * @param diffs properties changed outside Converge (stored value before, observed value after)
 */
public record Drift(Address address, String type, boolean deleted, List<PropertyDiff> diffs) {

    public Drift {
        diffs = List.copyOf(diffs);
    }
}
