package dev.converge.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every object the filter matched: none, one or many. The engine, not the provider, decides that a
 * lookup needs exactly one, so that its error names the lookup and its filter the same way for every
 * provider.
 */
public record LookupResponse(List<Match> matches) {

    /**
     * One matching object.
     *
     * @param id the system's id of the object, which dependents read as {@code id}
     * @param outputs its properties; values the lookup schema marks sensitive, and values returned as
     *     {@link dev.converge.api.Secret}, are kept secret by the engine
     */
    public record Match(String id, Map<String, Object> outputs) {
        public Match {
            Objects.requireNonNull(id, "id");
            outputs = Values.copyOf(outputs);
        }
    }

    public LookupResponse {
        matches = List.copyOf(matches);
    }

    public static LookupResponse none() {
        return new LookupResponse(List.of());
    }

    public static LookupResponse of(Match... matches) {
        return new LookupResponse(List.of(matches));
    }
}
