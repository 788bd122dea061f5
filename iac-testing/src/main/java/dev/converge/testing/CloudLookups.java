package dev.converge.testing;

import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.Values;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How an {@link InMemoryCloud} answers lookups: filter properties compared with objects' properties. Pure. */
final class CloudLookups {

    private CloudLookups() {
    }

    /** An object a lookup may find: one Converge does not manage, or a managed object's outputs. */
    record Existing(String type, String id, Map<String, Object> properties) {
        Existing {
            properties = Values.copyOf(properties);
        }
    }

    /** Every candidate of the request's type that the filter matches, by id. */
    static LookupResponse find(List<Existing> candidates, LookupRequest request) {
        Map<String, Object> filter = Values.normalizeMap(request.filter());
        List<LookupResponse.Match> matches = candidates.stream()
                .filter(candidate -> candidate.type().equals(request.type()) && matches(filter, candidate.properties()))
                .sorted(Comparator.comparing(Existing::id))
                .map(candidate -> new LookupResponse.Match(candidate.id(), withId(candidate)))
                .toList();
        return new LookupResponse(matches);
    }

    private static boolean matches(Map<String, Object> filter, Map<String, Object> properties) {
        for (Map.Entry<String, Object> wanted : filter.entrySet()) {
            Object actual = Values.reveal(properties.get(wanted.getKey()));
            if (wanted.getValue() instanceof Map<?, ?> entries && actual instanceof Map<?, ?> map) {
                if (!entries.entrySet().stream().allMatch(e -> Objects.equals(e.getValue(), map.get(e.getKey())))) {
                    return false;
                }
            } else if (!Objects.equals(wanted.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> withId(Existing candidate) {
        Map<String, Object> outputs = new LinkedHashMap<>(candidate.properties());
        outputs.putIfAbsent("id", candidate.id());
        return outputs;
    }
}
