package dev.converge.spi;

import java.util.List;

/** Many objects of one type to read in as few calls as the system allows. */
public record ReadManyRequest(String type, List<ReadRequest> resources) {

    public ReadManyRequest {
        resources = List.copyOf(resources);
    }
}
