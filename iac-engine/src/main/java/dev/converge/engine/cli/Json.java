package dev.converge.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON for command output; secrets print as {@code (sensitive)}. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String render(Object value) {
        try {
            return MAPPER.writeValueAsString(mask(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static Object mask(Object value) {
        if (value instanceof Secret) {
            return Secret.MASK;
        }
        if (value instanceof Unknown) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            new TreeMap<>(map).forEach((key, item) -> copy.put(String.valueOf(key), mask(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Json::mask).toList();
        }
        return value;
    }
}
