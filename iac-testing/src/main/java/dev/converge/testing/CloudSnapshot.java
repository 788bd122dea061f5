package dev.converge.testing;

import dev.converge.api.Address;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an in-memory cloud holds, reduced to what a program controls: per address, the type and the
 * applied inputs, with the generation suffixes of ids removed (a replaced object gets a new id, like
 * a real one, but a rollback to the same inputs must compare equal). Immutable value.
 */
public record CloudSnapshot(Map<Address, Entry> entries) {

    /** One object: its type and inputs. */
    public record Entry(String type, Object inputs) {
    }

    public CloudSnapshot {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    static CloudSnapshot of(Map<Address, CloudObject> objects) {
        Map<Address, Entry> entries = new TreeMap<>();
        objects.forEach((address, object) -> entries.put(address,
                new Entry(object.type(), Placeholders.withoutGenerations(new TreeMap<>(object.inputs())))));
        return new CloudSnapshot(entries);
    }
}
