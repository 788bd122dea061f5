package dev.converge.engine.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON state document: {@code version}, {@code stack}, {@code lineage}, {@code serial},
 * {@code encryption} (the {@link KeyDerivation}), {@code outputs} and {@code resources} (sorted by
 * address), written and read with Jackson's streaming API so that 100,000 resources stay fast.
 * Deterministic: the same state gives the same bytes, apart from the nonces of secrets. Stateless.
 */
final class StateCodec {

    /** A decoded document: the state and the passphrase parameters its secrets were written with. */
    public record Document(State state, KeyDerivation keyDerivation) {
    }

    private StateCodec() {
    }

    /** Encodes {@code state}; secrets are encrypted by {@code values}, which must hold a key if there are any. */
    public static byte[] encode(State state, KeyDerivation kdf, ValueCodec values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192 + state.resources().size() * 512);
        try (JsonGenerator gen = ValueCodec.JSON.createGenerator(out)) {
            gen.setPrettyPrinter(new LinePrettyPrinter());
            gen.writeStartObject();
            gen.writeNumberField("version", state.formatVersion());
            gen.writeStringField("stack", state.stack());
            gen.writeStringField("lineage", state.lineage());
            gen.writeNumberField("serial", state.serial());
            gen.writeFieldName("encryption");
            writeKeyDerivation(gen, kdf);
            gen.writeFieldName("outputs");
            values.writeMap(gen, state.outputs());
            gen.writeArrayFieldStart("resources");
            for (ResourceState resource : state.resources().values()) {
                ResourceCodec.write(gen, resource, values);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    static void writeKeyDerivation(JsonGenerator gen, KeyDerivation kdf) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("kdf", kdf.algorithm());
        gen.writeNumberField("iterations", kdf.iterations());
        gen.writeStringField("salt", kdf.salt());
        gen.writeEndObject();
    }

    static KeyDerivation readKeyDerivation(JsonParser parser) throws IOException {
        Map<String, Object> map = ValueCodec.structural("key derivation").readMap(parser);
        Object iterations = map.get("iterations");
        if (!(map.get("kdf") instanceof String kdf) || !(iterations instanceof Long count)
                || !(map.get("salt") instanceof String salt)) {
            throw new IOException("the encryption block needs kdf, iterations and salt, found " + map.keySet());
        }
        return new KeyDerivation(kdf, Math.toIntExact(count), salt);
    }

    /**
     * Decodes a document whose secrets are decrypted with {@code keys} when first met.
     *
     * @param where the file, for messages
     * @throws ConvergeException if it is damaged, of a newer format, or its secrets cannot be decrypted
     */
    public static Document decode(byte[] bytes, String where, SecretKeySource keys) {
        try {
            return decode(bytes, where, kdf -> ValueCodec.of(where, keys, kdf));
        } catch (CorruptStateException e) {
            throw ConvergeException.of("", where + " is damaged or truncated (" + e.getMessage() + ")",
                    "Restore it from a good copy; see `converge state history`.");
        }
    }

    /**
     * Decodes a document.
     *
     * @param where the file, for messages
     * @param codecs makes the value codec once the document's key derivation is known (null if absent)
     * @throws ConvergeException if the document has a newer format version than this Converge reads
     * @throws CorruptStateException if it is not a complete, well-formed state document
     */
    static Document decode(byte[] bytes, String where, Function<KeyDerivation, ValueCodec> codecs) {
        try (JsonParser parser = ValueCodec.JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the document is not a JSON object");
            }
            Document document = readFields(parser, where, codecs);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the document");
            }
            return document;
        } catch (IOException | IllegalArgumentException | ArithmeticException | ClassCastException
                | java.time.DateTimeException e) {
            throw new CorruptStateException(e.getMessage(), e);
        }
    }

    private static Document readFields(JsonParser parser, String where, Function<KeyDerivation, ValueCodec> codecs)
            throws IOException {
        Header header = new Header();
        Map<String, Object> outputs = Map.of();
        Map<Address, ResourceState> resources = new TreeMap<>(); // so State copies it in linear time
        ValueCodec values = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (header.read(field, parser, where)) {
                continue;
            }
            if (values == null && (field.equals("outputs") || field.equals("resources"))) {
                values = codecs.apply(header.kdf);
            }
            switch (field) {
                case "outputs" -> outputs = values.readMap(parser);
                case "resources" -> readResources(parser, values, resources);
                default -> parser.skipChildren(); // a field of a newer minor revision: keep reading
            }
        }
        header.requireComplete();
        State state = new State(header.version, header.stack, header.lineage, header.serial, resources, outputs);
        return new Document(state, header.kdf);
    }

    private static void readResources(JsonParser parser, ValueCodec values, Map<Address, ResourceState> into)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("resources must be an array");
        }
        Map<String, Address> addresses = new java.util.HashMap<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            ResourceState resource = ResourceCodec.read(parser, values, addresses);
            if (into.put(resource.address(), resource) != null) {
                throw new IOException("resource " + resource.address() + " appears twice");
            }
        }
    }

    /** The scalar fields at the top of a document; the version is checked as soon as it is read. */
    private static final class Header {
        private Integer version;
        private String stack;
        private String lineage;
        private Long serial;
        private KeyDerivation kdf;

        boolean read(String field, JsonParser parser, String where) throws IOException {
            switch (field) {
                case "version" -> version = checkVersion(parser.getValueAsInt(-1), where);
                case "stack" -> stack = text(parser, field);
                case "lineage" -> lineage = text(parser, field);
                case "serial" -> serial = number(parser, field);
                case "encryption" -> kdf = readKeyDerivation(parser);
                default -> {
                    return false;
                }
            }
            return true;
        }

        void requireComplete() throws IOException {
            if (version == null || stack == null || lineage == null || serial == null) {
                throw new IOException("the document lacks one of version, stack, lineage, serial");
            }
            if (serial < 0) {
                throw new IOException("negative serial " + serial);
            }
        }
    }

    /** A document or journal of a newer format than this Converge reads; the loader adds where to go back. */
    static final class FutureFormatException extends ConvergeException {
        private static final long serialVersionUID = 1L;
        private final String summary;

        FutureFormatException(String summary) {
            super(dev.converge.api.Diagnostic.error("", summary,
                    "It was written by a newer Converge. Upgrade Converge to use this stack; the file was not changed."));
            this.summary = summary;
        }

        String summary() {
            return summary;
        }
    }

    static int checkVersion(int version, String where) throws IOException {
        if (version > State.FORMAT_VERSION) {
            throw new FutureFormatException(where + " has state format version " + version
                    + ", but this Converge reads only up to version " + State.FORMAT_VERSION);
        }
        if (version < 1) {
            throw new IOException("invalid format version " + version);
        }
        return version;
    }

    static String text(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException(field + " must be a string at " + parser.currentLocation());
        }
        return parser.getText();
    }

    static long number(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException(field + " must be an integer at " + parser.currentLocation());
        }
        return parser.getLongValue();
    }
}
