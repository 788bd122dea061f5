package dev.converge.providers.k8s;

import dev.converge.spi.ResourceSchema;
import java.util.List;
import java.util.Map;

/**
 * One Converge resource type of this provider: its schema and where each property lives in the
 * Kubernetes object. Pure and immutable.
 *
 * @param kind the Kubernetes kind, or null for {@code k8s:Manifest}, whose manifest names its kind
 * @param schema the Converge schema
 * @param paths for each property, its path in the object, such as {@code labels -> metadata.labels};
 *     the empty path means the whole object
 */
record TypeSpec(KindInfo kind, ResourceSchema schema, Map<String, List<String>> paths) {

    TypeSpec {
        paths = Map.copyOf(paths);
    }

    String type() {
        return schema.type();
    }

    boolean isManifest() {
        return kind == null;
    }
}
