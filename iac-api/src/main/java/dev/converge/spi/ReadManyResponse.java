package dev.converge.spi;

import dev.converge.api.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** One response per requested address; an address missing from the map is treated as gone. */
public record ReadManyResponse(Map<Address, ReadResponse> results) {

    public ReadManyResponse {
        results = Map.copyOf(results);
    }

    /** Reads each object of the request with {@code read}, one call per object. */
    public static ReadManyResponse oneByOne(ReadManyRequest request, Function<ReadRequest, ReadResponse> read) {
        Map<Address, ReadResponse> results = new LinkedHashMap<>();
        for (ReadRequest one : request.resources()) {
            results.put(one.address(), read.apply(one));
        }
        return new ReadManyResponse(results);
    }
}
