package dev.converge.engine.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.api.ResourceOptions;
import dev.converge.api.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON of one {@link ResourceState}, shared by the state document and the journal. Every option is
 * written, so the meaning of a stored resource never depends on the defaults of a later version;
 * options missing on read take their defaults. Timeouts are ISO-8601 durations. Stateless.
 */
final class ResourceCodec {

    private ResourceCodec() {
    }

    static void write(JsonGenerator gen, ResourceState resource, ValueCodec values) throws IOException {
        gen.writeStartObject();
        if (resource.isDeposed()) {
            gen.writeStringField("address", resource.deposed().of().toString());
            gen.writeStringField("deposed", resource.deposed().key());
        } else {
            gen.writeStringField("address", resource.address().toString());
        }
        gen.writeStringField("type", resource.type());
        gen.writeStringField("id", resource.id());
        if (!resource.configuration().isEmpty()) {
            gen.writeStringField("configuration", resource.configuration());
        }
        writeStrings(gen, "dependencies", resource.dependencies().stream().map(Address::toString).toList());
        gen.writeFieldName("options");
        writeOptions(gen, resource.options());
        gen.writeFieldName("inputs");
        values.writeMap(gen, resource.inputs());
        gen.writeFieldName("outputs");
        values.writeMap(gen, resource.outputs());
        gen.writeEndObject();
    }

    /**
     * Writes the options that differ from the defaults (most resources have none), in a fixed order;
     * a missing field reads back as its default.
     */
    private static void writeOptions(JsonGenerator gen, ResourceOptions options) throws IOException {
        ResourceOptions defaults = ResourceOptions.defaults();
        gen.writeStartObject();
        if (options.protect()) {
            gen.writeBooleanField("protect", true);
        }
        writeStringsIfAny(gen, "ignoreChanges", options.ignoreChanges());
        writeStringsIfAny(gen, "replaceOnChanges", options.replaceOnChanges());
        if (options.replacementOrder() != defaults.replacementOrder()) {
            gen.writeStringField("replacementOrder", options.replacementOrder().name());
        }
        if (options.retainOnDelete()) {
            gen.writeBooleanField("retainOnDelete", true);
        }
        writeStringsIfAny(gen, "aliases", options.aliases());
        if (!options.timeouts().equals(defaults.timeouts())) {
            gen.writeObjectFieldStart("timeouts");
            gen.writeStringField("create", options.timeouts().create().toString());
            gen.writeStringField("update", options.timeouts().update().toString());
            gen.writeStringField("delete", options.timeouts().delete().toString());
            gen.writeEndObject();
        }
        writeStringsIfAny(gen, "dependsOn", options.dependsOn().stream().map(Address::toString).toList());
        if (options.holdsData()) {
            gen.writeBooleanField("holdsData", true);
        }
        if (options.immutable()) {
            gen.writeBooleanField("immutable", true);
        }
        gen.writeEndObject();
    }

    private static void writeStringsIfAny(JsonGenerator gen, String field, List<String> items) throws IOException {
        if (!items.isEmpty()) {
            writeStrings(gen, field, items);
        }
    }

    private static void writeStrings(JsonGenerator gen, String field, List<String> items) throws IOException {
        gen.writeArrayFieldStart(field);
        for (String item : items) {
            gen.writeString(item);
        }
        gen.writeEndArray();
    }

    /** Reads the resource object the parser is on. */
    static ResourceState read(JsonParser parser, ValueCodec values) throws IOException {
        return read(parser, values, new java.util.HashMap<>());
    }

    /**
     * Reads the resource object the parser is on, taking addresses from {@code addresses} (by text) so
     * that a document's resources and the dependencies naming them share one instance.
     */
    static ResourceState read(JsonParser parser, ValueCodec values, Map<String, Address> addresses) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("a resource must be an object at " + parser.currentLocation());
        }
        String address = null;
        String deposed = null;
        String type = null;
        String id = null;
        String configuration = "";
        List<Address> dependencies = List.of();
        ResourceOptions options = ResourceOptions.defaults();
        Map<String, Object> inputs = Map.of();
        Map<String, Object> outputs = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "address" -> address = StateCodec.text(parser, field);
                case "deposed" -> deposed = StateCodec.text(parser, field);
                case "type" -> type = StateCodec.text(parser, field);
                case "id" -> id = StateCodec.text(parser, field);
                case "configuration" -> configuration = StateCodec.text(parser, field).intern();
                case "dependencies" -> dependencies = addresses(readStrings(parser, field), addresses);
                case "options" -> options = readOptions(parser);
                case "inputs" -> inputs = values.readMap(parser);
                case "outputs" -> outputs = values.readMap(parser);
                default -> parser.skipChildren();
            }
        }
        if (address == null || type == null || id == null) {
            throw new IOException("a resource lacks address, type or id near " + parser.currentLocation());
        }
        // Types repeat across a state: one string per type, not one per resource.
        Address at = addresses.computeIfAbsent(address, Address::parse);
        DeposedKey key = deposed != null ? new DeposedKey(at, deposed) : DeposedKey.fromVersion1Address(at);
        return new ResourceState(key == null ? at : key.stateAddress(), type.intern(), id, inputs, outputs,
                dependencies, options, key, configuration);
    }

    private static ResourceOptions readOptions(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("options must be an object at " + parser.currentLocation());
        }
        ResourceOptions options = ResourceOptions.defaults();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            options = switch (field) {
                case "protect" -> options.withProtect(parser.getBooleanValue());
                case "ignoreChanges" -> options.withIgnoreChanges(readStrings(parser, field));
                case "replaceOnChanges" -> options.withReplaceOnChanges(readStrings(parser, field));
                case "replacementOrder" -> options.withReplacementOrder(
                        ReplacementOrder.valueOf(StateCodec.text(parser, field)));
                case "retainOnDelete" -> options.withRetainOnDelete(parser.getBooleanValue());
                case "aliases" -> options.withAliases(readStrings(parser, field));
                case "timeouts" -> options.withTimeouts(readTimeouts(parser));
                case "dependsOn" -> options.withDependsOn(addresses(readStrings(parser, field)));
                case "holdsData" -> options.withHoldsData(parser.getBooleanValue());
                case "immutable" -> options.withImmutable(parser.getBooleanValue());
                default -> {
                    parser.skipChildren();
                    yield options;
                }
            };
        }
        // Most resources have default options: share one instance instead of 100,000 equal copies.
        return options.equals(ResourceOptions.defaults()) ? ResourceOptions.defaults() : options;
    }

    /** Parsed durations by text: a state repeats the same few timeouts many times. */
    private static final java.util.concurrent.ConcurrentMap<String, Duration> DURATIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Timeouts readTimeouts(JsonParser parser) throws IOException {
        Map<String, Object> map = ValueCodec.structural("timeouts").readMap(parser);
        return new Timeouts(duration(map, "create"), duration(map, "update"), duration(map, "delete"));
    }

    private static Duration duration(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? Timeouts.DEFAULT : DURATIONS.computeIfAbsent(value.toString(), Duration::parse);
    }

    private static List<String> readStrings(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException(field + " must be an array at " + parser.currentLocation());
        }
        List<String> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(StateCodec.text(parser, field));
        }
        return items;
    }

    private static List<Address> addresses(List<String> texts) {
        return texts.stream().map(Address::parse).toList();
    }

    private static List<Address> addresses(List<String> texts, Map<String, Address> known) {
        return texts.stream().map(text -> known.computeIfAbsent(text, Address::parse)).toList();
    }
}
