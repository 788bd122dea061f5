package dev.converge.engine.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.converge.api.Address;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact one-line JSON of {@link JournalRecord}s, such as
 * {@code {"kind":"intent","seq":3,"address":"web","operation":"create","type":"docker:Container"}}.
 * A record holds at most one resource, never the whole state. Stateless.
 */
final class JournalCodec {

    private JournalCodec() {
    }

    /** Encodes {@code record}; secrets in an upsert are encrypted by {@code values}. */
    static byte[] encode(JournalRecord record, ValueCodec values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = ValueCodec.JSON.createGenerator(out)) {
            gen.writeStartObject();
            writeFields(gen, record, values);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeFields(JsonGenerator gen, JournalRecord record, ValueCodec values) throws IOException {
        if (record instanceof JournalRecord.Header header) {
            gen.writeStringField("kind", "header");
            gen.writeNumberField("version", header.version());
            gen.writeStringField("stack", header.stack());
            gen.writeStringField("lineage", header.lineage());
            gen.writeNumberField("serial", header.serial());
            gen.writeFieldName("encryption");
            StateCodec.writeKeyDerivation(gen, header.kdf());
        } else if (record instanceof JournalRecord.Intent intent) {
            gen.writeStringField("kind", "intent");
            gen.writeNumberField("seq", intent.seq());
            gen.writeStringField("address", intent.address().toString());
            gen.writeStringField("operation", intent.operation().text());
            writeOptional(gen, "type", intent.type());
            writeOptional(gen, "id", intent.id());
            if (!intent.configuration().isEmpty()) {
                gen.writeStringField("configuration", intent.configuration());
            }
        } else if (record instanceof JournalRecord.Upsert upsert) {
            gen.writeStringField("kind", "upsert");
            gen.writeNumberField("seq", upsert.seq());
            gen.writeFieldName("resource");
            ResourceCodec.write(gen, upsert.resource(), values);
        } else if (record instanceof JournalRecord.Removed removed) {
            gen.writeStringField("kind", "removed");
            gen.writeNumberField("seq", removed.seq());
            gen.writeStringField("address", removed.address().toString());
        } else if (record instanceof JournalRecord.Failed failed) {
            gen.writeStringField("kind", "failed");
            gen.writeNumberField("seq", failed.seq());
            gen.writeStringField("message", failed.message());
        } else if (record instanceof JournalRecord.Commit commit) {
            gen.writeStringField("kind", "commit");
            gen.writeNumberField("serial", commit.serial());
            gen.writeStringField("at", commit.at().toString());
            gen.writeFieldName("outputs");
            values.writeMap(gen, commit.outputs());
        } else {
            throw new IllegalArgumentException("unknown journal record " + record);
        }
    }

    private static void writeOptional(JsonGenerator gen, String field, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(field, value);
        }
    }

    /**
     * Decodes one record; a resource's secrets are decrypted by {@code values} when first used.
     *
     * @throws CorruptStateException if the record is not one this version wrote
     */
    static JournalRecord decode(byte[] bytes, String where, ValueCodec values) {
        try (JsonParser parser = ValueCodec.JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a journal record must be a JSON object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.read(name, parser, where, values);
            }
            return fields.toRecord();
        } catch (IOException | IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new CorruptStateException(e.getMessage(), e);
        }
    }

    /** The fields of any record kind, collected before the kind is known (fields may come in any order). */
    private static final class Fields {
        private String kind;
        private Long seq;
        private Integer version;
        private String stack;
        private String lineage;
        private Long serial;
        private KeyDerivation kdf;
        private String address;
        private String operation;
        private String type;
        private String id;
        private String configuration = "";
        private String message;
        private ResourceState resource;
        private String at;
        private java.util.Map<String, Object> outputs;

        void read(String name, JsonParser parser, String where, ValueCodec values) throws IOException {
            switch (name) {
                case "kind" -> kind = StateCodec.text(parser, name);
                case "seq" -> seq = StateCodec.number(parser, name);
                case "version" -> version = StateCodec.checkVersion(parser.getValueAsInt(-1), where);
                case "stack" -> stack = StateCodec.text(parser, name);
                case "lineage" -> lineage = StateCodec.text(parser, name);
                case "serial" -> serial = StateCodec.number(parser, name);
                case "encryption" -> kdf = StateCodec.readKeyDerivation(parser);
                case "address" -> address = StateCodec.text(parser, name);
                case "operation" -> operation = StateCodec.text(parser, name);
                case "type" -> type = StateCodec.text(parser, name);
                case "id" -> id = StateCodec.text(parser, name);
                case "configuration" -> configuration = StateCodec.text(parser, name);
                case "message" -> message = StateCodec.text(parser, name);
                case "resource" -> resource = ResourceCodec.read(parser, values);
                case "at" -> at = StateCodec.text(parser, name);
                case "outputs" -> outputs = values.readMap(parser);
                default -> parser.skipChildren();
            }
        }

        JournalRecord toRecord() throws IOException {
            if ("header".equals(kind) && version != null && stack != null && lineage != null && serial != null
                    && kdf != null) {
                return new JournalRecord.Header(version, stack, lineage, serial, kdf);
            }
            if ("commit".equals(kind) && serial != null && at != null && outputs != null) {
                return new JournalRecord.Commit(serial, java.time.Instant.parse(at), outputs);
            }
            if (seq == null) {
                throw new IOException("journal record of kind " + kind + " lacks its fields");
            }
            if ("intent".equals(kind) && address != null && operation != null) {
                JournalOperation known = JournalOperation.parse(operation);
                if (known == null) {
                    throw new IOException("intent " + seq + " names an unknown operation '" + operation + "'");
                }
                return new JournalRecord.Intent(seq, Address.parse(address), known, type, id, configuration);
            }
            if ("upsert".equals(kind) && resource != null) {
                return new JournalRecord.Upsert(seq, resource);
            }
            if ("removed".equals(kind) && address != null) {
                return new JournalRecord.Removed(seq, Address.parse(address));
            }
            if ("failed".equals(kind)) {
                return new JournalRecord.Failed(seq, message == null ? "" : message);
            }
            throw new IOException("journal record of kind " + kind + " lacks its fields");
        }
    }
}
