package dev.converge.providers.aws;

import dev.converge.spi.state.LockInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** {@link LockInfo} as a small JSON object; pure. */
final class LockJson {

    private LockJson() {
    }

    static byte[] write(LockInfo lock) {
        JsonWriter json = JsonWriter.create();
        json.writeStartObject();
        field(json, "id", lock.id());
        field(json, "user", lock.user());
        field(json, "host", lock.host());
        json.writeFieldName("pid").writeValue(lock.pid());
        field(json, "operation", lock.operation());
        field(json, "acquiredAt", lock.acquiredAt().toString());
        field(json, "heartbeatAt", lock.heartbeatAt().toString());
        field(json, "bootId", lock.bootId());
        field(json, "processStart", lock.processStart() == null ? null : lock.processStart().toString());
        json.writeFieldName("generation").writeValue(lock.generation());
        json.writeEndObject();
        return json.getBytes();
    }

    private static void field(JsonWriter json, String name, String value) {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeValue(value);
        }
    }

    /** Parses a lock written by {@link #write}; fails with a clear message on anything else. */
    static LockInfo read(byte[] bytes, String where) {
        try {
            Map<String, JsonNode> fields = JsonNodeParser.create().parse(bytes).asObject();
            String start = text(fields, "processStart");
            JsonNode generation = fields.get("generation");
            return new LockInfo(text(fields, "id"), text(fields, "user"), text(fields, "host"),
                    Long.parseLong(fields.get("pid").asNumber()), text(fields, "operation"),
                    Instant.parse(text(fields, "acquiredAt")), Instant.parse(text(fields, "heartbeatAt")),
                    text(fields, "bootId"), start == null ? null : Instant.parse(start),
                    generation == null || generation.isNull() ? 1 : Long.parseLong(generation.asNumber()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the lock object " + where + " is not a Converge lock ("
                    + e.getMessage() + "): " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static String text(Map<String, JsonNode> fields, String name) {
        JsonNode node = fields.get(name);
        return node == null || node.isNull() ? null : node.text();
    }
}
