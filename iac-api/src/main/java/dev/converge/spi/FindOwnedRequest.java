package dev.converge.spi;

import java.util.Set;

/** Find the objects of these types that carry the stack's {@link Ownership} labels. */
public record FindOwnedRequest(String stack, Set<String> types) {

    public FindOwnedRequest {
        types = Set.copyOf(types);
    }
}
