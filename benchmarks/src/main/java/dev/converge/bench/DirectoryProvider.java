package dev.converge.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.converge.api.Address;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import dev.converge.testing.FakeProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A durable, no-latency provider for whole-process comparisons: the type {@code fake:Thing} (the schema
 * of {@link FakeProvider}) with every object one small JSON file under {@code <workDir>/.bench-cloud/},
 * so that a second process's refresh reads what the first one created. It plays the part of Terraform's
 * built-in {@code terraform_data}, which also has no remote system and no latency. Thread-safe: each
 * object is its own file, written whole (temporary file, then atomic move).
 */
public final class DirectoryProvider implements Provider {

    /** Streaming JSON only: an ObjectMapper's start-up would be a visible part of a whole-process run. */
    private static final JsonFactory JSON = new JsonFactory();

    private final ResourceSchema schema = FakeProvider.thingSchema(FakeProvider.THING);
    private volatile Path cloud;

    /** A provider that stores its objects under the working directory given to {@code configure}. */
    public DirectoryProvider() {
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return List.of(schema);
    }

    @Override
    public void configure(ConfigureRequest request) {
        Path dir = request.workDir().resolve(".bench-cloud");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ProviderException.fatal("cannot create the bench cloud directory " + dir + ": " + e.getMessage());
        }
        cloud = dir;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> inputs = Values.normalizeMap(request.inputs());
        write(id, request.type(), request.address(), inputs, request.owner().labels());
        return new CreateResponse(id, outputs(request.type(), id, inputs));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Map<String, Object> object = load(request.id());
        if (object == null) {
            return ReadResponse.gone();
        }
        Map<String, Object> inputs = inputsOf(object);
        return ReadResponse.found(inputs, outputs(request.type(), request.id(), inputs));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> old = load(request.id());
        if (old == null) {
            throw ProviderException.notFound(request.address() + ": object " + request.id() + " no longer exists in "
                    + cloud + "; run refresh to forget it");
        }
        Map<String, Object> inputs = Values.normalizeMap(request.desiredInputs());
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) old.get("labels");
        write(request.id(), request.type(), request.address(), inputs, labels);
        return new UpdateResponse(outputs(request.type(), request.id(), inputs));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        try {
            return new DeleteResponse(!Files.deleteIfExists(file(request.id())));
        } catch (IOException e) {
            throw ProviderException.retryable(request.address() + ": cannot delete " + file(request.id()), e);
        }
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        List<OwnedObject> owned = new ArrayList<>();
        try (Stream<Path> files = Files.list(requireCloud())) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                String id = file.getFileName().toString().replace(".json", "");
                Map<String, Object> object = load(id);
                if (object != null && request.stack().equals(labelsOf(object).get(Ownership.STACK_LABEL))
                        && (request.types().isEmpty() || request.types().contains(object.get("type")))) {
                    String type = (String) object.get("type");
                    owned.add(new OwnedObject(Address.parse((String) object.get("address")), type, id,
                            inputsOf(object), outputs(type, id, inputsOf(object))));
                }
            }
        } catch (IOException e) {
            throw ProviderException.retryable("cannot list " + cloud, e);
        }
        return new FindOwnedResponse(owned, true);
    }

    /** What FakeProvider returns too: the inputs plus the computed {@code arn}. */
    private static Map<String, Object> outputs(String type, String id, Map<String, Object> inputs) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        outputs.put("arn", "arn:fake:" + type + ":" + id);
        return outputs;
    }

    private void write(String id, String type, Address address, Map<String, Object> inputs,
            Map<String, String> labels) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        object.put("address", address.toString());
        object.put("inputs", inputs);
        object.put("labels", labels);
        Path target = file(id);
        Path temporary = target.resolveSibling(id + ".tmp");
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
            try (JsonGenerator gen = JSON.createGenerator(bytes)) {
                writeValue(gen, object);
            }
            Files.write(temporary, bytes.toByteArray());
            Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ProviderException.retryable(address + ": cannot write " + target, e);
        }
    }

    private static void writeValue(JsonGenerator gen, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                gen.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(gen, entry.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof List<?> list) {
            gen.writeStartArray();
            for (Object item : list) {
                writeValue(gen, item);
            }
            gen.writeEndArray();
        } else if (value == null) {
            gen.writeNull();
        } else if (value instanceof Boolean flag) {
            gen.writeBoolean(flag);
        } else if (value instanceof Number number) {
            gen.writeNumber(number.toString());
        } else {
            gen.writeString(value.toString());
        }
    }

    /** Reads the value the parser is on: objects as ordered maps, arrays as lists. */
    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                map.put(key, readValue(parser));
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(parser));
            }
            return list;
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> load(String id) {
        try (JsonParser parser = JSON.createParser(Files.readAllBytes(file(id)))) {
            parser.nextToken();
            return (Map<String, Object>) readValue(parser);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw ProviderException.retryable("cannot read " + file(id), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputsOf(Map<String, Object> object) {
        return Values.normalizeMap((Map<String, Object>) object.get("inputs"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labelsOf(Map<String, Object> object) {
        return (Map<String, String>) object.getOrDefault("labels", Map.of());
    }

    private Path file(String id) {
        boolean uuid = id.length() == 36 && id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-');
        if (!uuid) {
            throw ProviderException.fatal("'" + id + "' is not an id of the bench cloud (a UUID)");
        }
        return requireCloud().resolve(id + ".json");
    }

    private Path requireCloud() {
        Path dir = cloud;
        if (dir == null) {
            throw new IllegalStateException("DirectoryProvider used before configure(...)");
        }
        return dir;
    }
}
