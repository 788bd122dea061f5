package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;

/**
 * Find the objects a lookup's filter matches (a data source). Read-only: a provider never creates,
 * changes or deletes anything for it.
 *
 * @param address the lookup's address in the program, for messages
 * @param type the lookup type, one of the provider's {@link Provider#lookupSchemas()}
 * @param filter the declared filter, plain (secrets revealed, never unknown), schema defaults applied
 */
public record LookupRequest(Address address, String type, Map<String, Object> filter) {

    public LookupRequest {
        filter = Values.copyOf(filter);
    }
}
