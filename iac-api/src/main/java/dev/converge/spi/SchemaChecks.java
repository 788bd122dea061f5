package dev.converge.spi;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The default, pure validation of inputs against a {@link ResourceSchema}. */
public final class SchemaChecks {

    private SchemaChecks() {
    }

    public static List<Diagnostic> validate(ResourceSchema schema, Address address, Map<String, Object> inputs) {
        List<Diagnostic> problems = new ArrayList<>();
        String where = address.toString();
        for (PropertySchema property : schema.properties().values()) {
            if (property.required() && inputs.get(property.name()) == null && property.defaultValue() == null) {
                problems.add(Diagnostic.error(where, "missing required property '" + property.name() + "'",
                        "set it on the " + schema.type() + " builder"));
            }
        }
        for (Map.Entry<String, Object> entry : inputs.entrySet()) {
            PropertySchema property = schema.property(entry.getKey());
            if (property == null) {
                problems.add(Diagnostic.error(where, "unknown property '" + entry.getKey() + "'",
                        schema.type() + " has: " + String.join(", ", schema.properties().keySet())));
            } else if (!fits(property.type(), entry.getValue())) {
                problems.add(Diagnostic.error(where, "property '" + entry.getKey() + "' must be "
                        + property.type().name().toLowerCase(java.util.Locale.ROOT),
                        "got " + describe(entry.getValue())));
            }
        }
        return problems;
    }

    private static boolean fits(PropertySchema.Type type, Object value) {
        Object plain = value instanceof Secret secret ? secret.reveal() : value;
        if (plain == null || plain instanceof Unknown) {
            return true;
        }
        return switch (type) {
            case STRING -> plain instanceof String;
            case NUMBER -> plain instanceof Number || (plain instanceof String s && s.matches("-?\\d+(\\.\\d+)?"));
            case BOOLEAN -> plain instanceof Boolean;
            case LIST -> plain instanceof List<?>;
            case MAP -> plain instanceof Map<?, ?>;
            case ANY -> true;
        };
    }

    private static String describe(Object value) {
        return value instanceof Secret ? "a secret value" : value.getClass().getSimpleName();
    }
}
