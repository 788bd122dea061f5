package dev.converge.providers.k8s;

import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lookups (data sources) of the Kubernetes provider: an existing Namespace, and an existing Secret whose
 * data is decoded and kept secret (the schema marks {@code data} sensitive, so the engine never shows or
 * stores it in plaintext). Found by name, and labels the object must carry. Thread-safe.
 */
final class KubernetesLookups {

    static final String NAMESPACE = Kinds.PROVIDER + ":Namespace";
    static final String SECRET = Kinds.PROVIDER + ":Secret";

    static final List<ResourceSchema> SCHEMAS = List.of(
            ResourceSchema.builder(NAMESPACE)
                    .property(PropertySchema.string("name").asRequired().describedAs("metadata.name"))
                    .property(labels())
                    .output("uid").output("phase").build(),
            ResourceSchema.builder(SECRET)
                    .property(PropertySchema.string("name").asRequired().describedAs("metadata.name"))
                    .property(PropertySchema.string("namespace").describedAs("defaults to the provider's k8s.namespace"))
                    .property(labels())
                    .property(PropertySchema.map("data").asComputed().asSensitive()
                            .describedAs("the entries, decoded from base64 as UTF-8 text; kept secret"))
                    .output("uid").output("type").build());

    private final Cluster cluster;
    private final Settings settings;

    KubernetesLookups(Cluster cluster, Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    private static PropertySchema labels() {
        return PropertySchema.map("labels").describedAs("labels the object must carry (others may be there)");
    }

    LookupResponse lookup(LookupRequest request) {
        Map<String, Object> filter = request.filter();
        boolean secret = request.type().equals(SECRET);
        if (!secret && !request.type().equals(NAMESPACE)) {
            throw ProviderException.fatal("the k8s provider has no lookup " + request.type() + "; it has "
                    + NAMESPACE + ", " + SECRET);
        }
        String namespace = secret ? Objects.requireNonNullElse(Values.string(filter, "namespace"), settings.namespace())
                : null;
        ObjectRef ref = new ObjectRef(Kinds.builtIn("v1", secret ? "Secret" : "Namespace").orElseThrow(), namespace,
                Values.string(filter, "name"));
        Optional<Map<String, Object>> live;
        try {
            live = cluster.get(ref);
        } catch (RuntimeException e) {
            throw Errors.wrap("look up", ref, e);
        }
        if (live.isEmpty() || !hasLabels(filter, live.get())) {
            return LookupResponse.none();
        }
        Map<String, Object> outputs = secret ? secretOutputs(live.get(), namespace) : namespaceOutputs(live.get());
        return LookupResponse.of(new LookupResponse.Match(ref.id(false), outputs));
    }

    private static boolean hasLabels(Map<String, Object> filter, Map<String, Object> object) {
        Object labels = Trees.get(object, List.of("metadata", "labels"));
        Map<?, ?> actual = labels instanceof Map<?, ?> map ? map : Map.of();
        return Values.mapOf(filter, "labels").entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), actual.get(e.getKey())));
    }

    private static Map<String, Object> common(Map<String, Object> object) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("name", Trees.get(object, List.of("metadata", "name")));
        Object labels = Trees.get(object, List.of("metadata", "labels"));
        outputs.put("labels", labels instanceof Map<?, ?> ? labels : Map.of());
        outputs.put("uid", Trees.get(object, List.of("metadata", "uid")));
        return outputs;
    }

    private static Map<String, Object> namespaceOutputs(Map<String, Object> object) {
        Map<String, Object> outputs = common(object);
        outputs.put("phase", Trees.get(object, List.of("status", "phase")));
        return Values.normalizeMap(outputs);
    }

    private static Map<String, Object> secretOutputs(Map<String, Object> object, String namespace) {
        Map<String, Object> outputs = common(object);
        outputs.put("namespace", namespace);
        outputs.put("type", object.getOrDefault("type", "Opaque"));
        Map<String, Object> data = new LinkedHashMap<>();
        if (object.get("data") instanceof Map<?, ?> encoded) {
            encoded.forEach((key, value) -> data.put(String.valueOf(key), new String(Base64.getDecoder()
                    .decode(String.valueOf(value)), StandardCharsets.UTF_8)));
        }
        outputs.put("data", data);
        return Values.normalizeMap(outputs);
    }
}
