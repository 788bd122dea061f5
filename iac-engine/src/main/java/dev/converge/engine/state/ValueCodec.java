package dev.converge.engine.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.converge.engine.ConvergeException;
import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.spi.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * JSON encoding of the plain values of {@link Values} (String, Long, Double, Boolean, null, List, Map)
 * plus {@link Secret}, stored encrypted as {@code {"$secret":"<base64 nonce+ciphertext>"}}, and
 * {@link Unknown}, stored as {@code {"$unknown":true}}. Map keys are written sorted, so equal values give
 * equal bytes apart from secret nonces; a key of the user's that starts with {@code $} is written with
 * one more {@code $} so it never clashes with the markers.
 *
 * <p>The cipher is asked for only when the first secret is met, so documents without secrets need no
 * key. Thread-safe if the cipher supplier is.
 */
final class ValueCodec {

    public static final String SECRET_MARKER = "$secret";
    public static final String UNKNOWN_MARKER = "$unknown";

    /** Shared factory; documents of 100,000 resources exceed no default limit except nesting, raised. */
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2_000)
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final String where;
    private final Supplier<SecretCipher> cipher;
    private final boolean decrypt;

    private ValueCodec(String where, Supplier<SecretCipher> cipher, boolean decrypt) {
        this.where = where;
        this.cipher = cipher;
        this.decrypt = decrypt;
    }

    /**
     * A codec for {@code where} (named in messages, such as {@code state of stack dev}); {@code cipher}
     * is called at most once, when a secret is first met, and may throw a {@link ConvergeException}.
     */
    public static ValueCodec of(String where, Supplier<SecretCipher> cipher) {
        return new ValueCodec(where, memoize(cipher), true);
    }

    /** A codec for {@code where} with the key from {@code keys} and the passphrase parameters {@code kdf}. */
    public static ValueCodec of(String where, SecretKeySource keys, KeyDerivation kdf) {
        return of(where, () -> keys.cipher(kdf, where, false));
    }

    /**
     * A codec for writing {@code where} (such as a saved plan): a secret with no key configured fails
     * with the message that Converge never stores secrets in plaintext.
     */
    public static ValueCodec forWriting(String where, SecretKeySource keys, KeyDerivation kdf) {
        return of(where, () -> keys.cipher(kdf, where, true));
    }

    /**
     * A codec that checks structure only: secrets are read as opaque ciphertext, never decrypted. For
     * telling a damaged file from a good one without the key; its values must not be used or written.
     */
    static ValueCodec structural(String where) {
        return new ValueCodec(where, () -> {
            throw new IllegalStateException("a structural codec cannot write secrets");
        }, false);
    }

    private static Supplier<SecretCipher> memoize(Supplier<SecretCipher> supplier) {
        return new Supplier<>() {
            private volatile SecretCipher value;

            @Override
            public SecretCipher get() {
                SecretCipher known = value;
                if (known == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        known = value;
                    }
                }
                return known;
            }
        };
    }

    /** Writes {@code value}; a secret is encrypted, which needs the key. */
    public void write(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String text) {
            gen.writeString(text);
        } else if (value instanceof Boolean flag) {
            gen.writeBoolean(flag);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            gen.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Secret secret) {
            writeSecret(gen, secret);
        } else if (value == Unknown.INSTANCE) {
            gen.writeStartObject();
            gen.writeBooleanField(UNKNOWN_MARKER, true);
            gen.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            writeMap(gen, map);
        } else if (value instanceof Iterable<?> list) {
            gen.writeStartArray();
            for (Object item : list) {
                write(gen, item);
            }
            gen.writeEndArray();
        } else {
            write(gen, Values.normalize(value));
        }
    }

    /** Writes a map with its keys sorted. */
    public void writeMap(JsonGenerator gen, Map<?, ?> map) throws IOException {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
        gen.writeStartObject();
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            String key = entry.getKey();
            gen.writeFieldName(key.startsWith("$") ? "$" + key : key);
            write(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    private void writeSecret(JsonGenerator gen, Secret secret) throws IOException {
        byte[] plaintext = toBytes(secret.reveal());
        String sealed = cipher.get().encrypt(plaintext);
        java.util.Arrays.fill(plaintext, (byte) 0);
        gen.writeStartObject();
        gen.writeStringField(SECRET_MARKER, sealed);
        gen.writeEndObject();
    }

    /** Reads the value whose first token is the parser's current token; leaves the parser on its last token. */
    public Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_ARRAY:
                return readList(parser);
            case START_OBJECT:
                return readObject(parser);
            default:
                throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        }
    }

    /** Reads an object the parser is on as a plain map (markers decoded inside it, not for it). */
    public Map<String, Object> readMap(JsonParser parser) throws IOException {
        Object value = read(parser);
        if (value instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        }
        throw new IOException("expected an object at " + parser.currentLocation() + ", found " + describe(value));
    }

    private List<Object> readList(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(parser));
        }
        return list;
    }

    private Object readObject(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (map.isEmpty() && SECRET_MARKER.equals(key)) {
                return finishSecret(parser);
            }
            if (map.isEmpty() && UNKNOWN_MARKER.equals(key)) {
                parser.skipChildren();
                expectEnd(parser);
                return Unknown.INSTANCE;
            }
            map.put(key.startsWith("$$") ? key.substring(1) : key, read(parser));
        }
        return map;
    }

    private Object finishSecret(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException("a " + SECRET_MARKER + " value must be a string at " + parser.currentLocation());
        }
        String sealed = parser.getText();
        expectEnd(parser);
        if (!decrypt) {
            return Secret.of(sealed);
        }
        try {
            return Secret.of(fromBytes(cipher.get().decrypt(sealed)));
        } catch (SecretCipher.DecryptionException e) {
            throw ConvergeException.of("", "cannot decrypt the secrets in " + where + ": " + e.getMessage(),
                    "Configure the passphrase or key file used when it was written. " + SecretKeySource.HOW_TO);
        }
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            throw new IOException("a marker object must have exactly one field at " + parser.currentLocation());
        }
    }

    /** The compact JSON bytes of {@code value}. */
    public byte[] toBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            write(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The value encoded in {@code bytes} by {@link #toBytes}. */
    public Object fromBytes(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            parser.nextToken();
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the value");
            }
            return value;
        } catch (IOException e) {
            throw ConvergeException.of("", "a value in " + where + " is not valid JSON: " + e.getMessage(),
                    "The file was damaged or edited by hand; restore it from `converge state history`.");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof Secret ? "a secret" : value.getClass().getSimpleName();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
