package dev.converge.providers.k8s;

import dev.converge.spi.Values;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns existing YAML manifests (one or more documents separated by {@code ---}, or a {@code kind:
 * List}) into {@link Manifest} resources, so a team can adopt its {@code kubectl apply -f} files
 * unchanged. Each resource is named {@code kind-name} in lower case ({@code namespace.kind-name} when
 * that repeats). Stateless and thread-safe.
 */
public final class ManifestLoader {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private ManifestLoader() {
    }

    /** The manifests of a YAML file. */
    public static List<Manifest> load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kubernetes manifests from " + file, e);
        }
    }

    /**
     * The manifests of YAML text; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException naming the document that is not a Kubernetes object
     */
    public static List<Manifest> parse(String yaml, String source) {
        List<Map<String, Object>> objects = new ArrayList<>();
        int index = 0;
        for (String document : yaml.split("(?m)^---.*$")) {
            index++;
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            Map<String, Object> object = toMap(document, source, index);
            if ("List".equals(object.get("kind")) && object.get("items") instanceof List<?> items) {
                items.forEach(item -> objects.add(checked(item, source, "document " + objects.size())));
            } else {
                objects.add(checked(object, source, "document " + objects.size()));
            }
        }
        return named(objects);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(String document, String source, int index) {
        try {
            return Values.normalizeMap(YAML.unmarshal(document, Map.class));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": document " + index + " is not valid YAML: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> checked(Object item, String source, String where) {
        if (!(item instanceof Map<?, ?> map) || !(map.get("apiVersion") instanceof String)
                || !(map.get("kind") instanceof String)
                || !(Trees.get(map, List.of("metadata", "name")) instanceof String)) {
            throw new IllegalArgumentException(source + ": " + where
                    + " is not a Kubernetes object with apiVersion, kind and metadata.name");
        }
        return Values.normalizeMap((Map<String, Object>) map);
    }

    private static List<Manifest> named(List<Map<String, Object>> objects) {
        Set<String> seen = new LinkedHashSet<>();
        List<Manifest> result = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String base = (object.get("kind") + "-" + Trees.get(object, List.of("metadata", "name")))
                    .toLowerCase(Locale.ROOT);
            String name = base;
            Object namespace = Trees.get(object, List.of("metadata", "namespace"));
            if (!seen.add(name) && namespace != null) {
                name = namespace + "." + base;
                seen.add(name);
            }
            result.add(Manifest.of(name, object));
        }
        return result;
    }
}
