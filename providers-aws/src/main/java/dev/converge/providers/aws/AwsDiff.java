package dev.converge.providers.aws;

import dev.converge.api.ReplacementOrder;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaDiff;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure diff of AWS resources: the schema diff, with JSON documents compared as JSON (AWS returns
 * policies reformatted) and delete-before-create for types whose replacement would clash on a fixed
 * name. No I/O; the test kit may reuse it.
 */
public final class AwsDiff {

    /** Properties holding JSON documents, compared by value rather than by text. */
    private static final Set<String> JSON_PROPERTIES = Set.of("assumeRolePolicy", "document", "filterPolicy", "policy");

    private AwsDiff() {
    }

    /** Compares prior and desired inputs of a resource of {@code type}. */
    public static DiffResponse diff(String type, Map<String, Object> prior, Map<String, Object> desired) {
        ResourceSchema schema = AwsSchemas.of(type);
        DiffResponse raw = SchemaDiff.diff(schema, prior, desired);
        List<PropertyDiff> diffs = raw.diffs().stream().filter(diff -> !sameJsonDocument(diff))
                .collect(Collectors.toList());
        ReplacementOrder order = AwsSchemas.deleteBeforeCreate(type) ? ReplacementOrder.DELETE_BEFORE_CREATE
                : ReplacementOrder.DEFAULT;
        return new DiffResponse(diffs, order);
    }

    private static boolean sameJsonDocument(PropertyDiff diff) {
        return JSON_PROPERTIES.contains(diff.path()) && diff.before() instanceof String before
                && diff.after() instanceof String after && Props.sameJson(before, after);
    }
}
