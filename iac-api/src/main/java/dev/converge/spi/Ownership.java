package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;
import java.util.Objects;

/**
 * Who owns an object: the stack and the resource address. Providers attach {@link #labels()} to
 * every object they create (as labels, tags or metadata) so that refresh and crash recovery can
 * find it.
 */
public record Ownership(String stack, Address address) {

    public static final String STACK_LABEL = "converge.stack";
    public static final String ADDRESS_LABEL = "converge.address";

    public Ownership {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(address, "address");
    }

    public Map<String, String> labels() {
        return Map.of(STACK_LABEL, stack, ADDRESS_LABEL, address.toString());
    }
}
