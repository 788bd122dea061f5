package dev.converge.providers.docker;

import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandler;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The Docker calls behind one {@code docker:} type, on one daemon connection. Thread-safe: subclasses
 * keep no mutable state (the docker-java client is thread-safe).
 */
abstract class DockerHandler implements ResourceHandler {

    /** How long create and delete wait when the request sets no timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    protected final DockerConnection docker;

    DockerHandler(DockerConnection docker) {
        this.docker = docker;
    }

    /**
     * Only changes that need no Docker call arrive here: every Docker property forces a replacement,
     * except an image's {@code context} path, which is recorded as it is.
     */
    @Override
    public final UpdateResponse update(UpdateRequest request) {
        Map<String, Object> outputs = new LinkedHashMap<>(Values.normalizeMap(request.priorOutputs()));
        outputs.putAll(Values.normalizeMap(request.desiredInputs()));
        return new UpdateResponse(outputs);
    }

    /** One response per requested object from what one list call returned ({@code listed}, by id). */
    static <T> ReadManyResponse fromListing(ReadManyRequest request, Map<String, T> listed,
            Function<T, ReadResponse> read) {
        return ReadManyResponse.oneByOne(request, one -> read.apply(listed.get(one.id())));
    }

    static Duration orDefault(Duration timeout) {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
