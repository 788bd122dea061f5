package dev.converge.engine.state;

import dev.converge.api.Address;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a deposed object: the old object of a create-before-delete replacement (or an extra copy that
 * crash recovery found), replaced at {@link #of()} and still to be deleted. State keeps it beside the object
 * now at {@code of}, under {@link #stateAddress()}; the state document records {@code of} and {@code key}
 * as fields of their own. Immutable.
 *
 * @param of the address of the resource it was replaced at
 * @param key a short random key that tells several deposed objects of one address apart
 */
public record DeposedKey(Address of, String key) {

    public DeposedKey {
        Objects.requireNonNull(of, "of");
        if (key == null || !key.matches("[0-9A-Za-z]+")) {
            throw new IllegalArgumentException("a deposed key is letters and digits, not " + key);
        }
    }

    /** A new key for an object replaced at {@code of}. */
    public static DeposedKey random(Address of) {
        return new DeposedKey(of, UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Where state keeps the deposed object, and how plans and progress show it: {@code web[deposed-1a2b3c4d]},
     * the text earlier versions stored as its address.
     */
    public Address stateAddress() {
        return of.parent().child(of.name() + "[deposed-" + key + "]");
    }

    /**
     * The key of a deposed object that a state document of format version 1 recorded in its address
     * ({@code web[deposed-1a2b3c4d]}), or null when {@code address} names no deposed object.
     */
    static DeposedKey fromVersion1Address(Address address) {
        String name = address.name();
        int mark = name.lastIndexOf("[deposed-");
        if (mark <= 0 || !name.endsWith("]")) {
            return null;
        }
        return new DeposedKey(address.parent().child(name.substring(0, mark)),
                name.substring(mark + "[deposed-".length(), name.length() - 1));
    }
}
