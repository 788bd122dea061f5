package dev.converge.spi;

import dev.converge.api.Address;
import java.util.Map;

/** One response per requested address; an address missing from the map is treated as gone. */
public record ReadManyResponse(Map<Address, ReadResponse> results) {

    public ReadManyResponse {
        results = Map.copyOf(results);
    }
}
