package dev.converge.providers.docker;

import dev.converge.api.ReplacementOrder;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaDiff;
import dev.converge.spi.Values;
import java.util.List;
import java.util.Map;

/**
 * The pure diff of Docker resources: the schema diff (every property forces a replacement) on
 * canonical forms of the inputs, plus the replacement order each change needs. No I/O.
 */
public final class DockerDiff {

    private DockerDiff() {
    }

    /** Diffs prior against desired inputs of any Docker type. */
    public static DiffResponse diff(DiffRequest request) {
        ResourceSchema schema = schemaOf(request.type());
        Map<String, Object> prior = canonical(request.type(), request.priorInputs());
        Map<String, Object> desired = canonical(request.type(), request.desiredInputs());
        DiffResponse plain = SchemaDiff.diff(schema, prior, desired);
        if (!plain.requiresReplacement()) {
            return plain;
        }
        return new DiffResponse(plain.diffs(), replacementOrder(request.type(), prior, desired));
    }

    /**
     * What a replacement needs. Networks and volumes have stable names and containers with a fixed
     * name or a fixed host port would clash with their old selves: those are deleted first (a short
     * outage). Containers with generated names and images (removed by id) are created first.
     */
    public static ReplacementOrder replacementOrder(String type, Map<String, Object> prior,
            Map<String, Object> desired) {
        return switch (type) {
            case DockerSchemas.NETWORK, DockerSchemas.VOLUME -> ReplacementOrder.DELETE_BEFORE_CREATE;
            case DockerSchemas.CONTAINER -> hasFixedName(desired) || hasFixedHostPort(desired)
                    ? ReplacementOrder.DELETE_BEFORE_CREATE : ReplacementOrder.DEFAULT;
            default -> ReplacementOrder.DEFAULT;
        };
    }

    static ResourceSchema schemaOf(String type) {
        return DockerSchemas.all().stream().filter(schema -> schema.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Docker resource type " + type
                        + "; known: " + DockerSchemas.IMAGE + ", " + DockerSchemas.NETWORK + ", "
                        + DockerSchemas.VOLUME + ", " + DockerSchemas.CONTAINER));
    }

    /** Inputs in canonical form, so equal settings written differently compare equal. */
    public static Map<String, Object> canonical(String type, Map<String, Object> inputs) {
        Map<String, Object> plain = Values.normalizeMap(inputs);
        return DockerSchemas.CONTAINER.equals(type) ? ContainerInputs.canonical(plain) : plain;
    }

    private static boolean hasFixedName(Map<String, Object> inputs) {
        Object name = inputs.get("name");
        return name != null && !name.toString().isBlank();
    }

    private static boolean hasFixedHostPort(Map<String, Object> inputs) {
        for (Object port : (List<?>) inputs.getOrDefault("ports", List.of())) {
            if (port instanceof Map<?, ?> map && map.get("external") instanceof Number external
                    && external.longValue() > 0) {
                return true;
            }
        }
        return false;
    }
}
