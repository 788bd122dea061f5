package dev.converge.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a Stack's {@code spec} into a {@link StackSpec}. The API server validates the same rules with the
 * CRD's schema; they are checked again here because a resource written before a schema change, or to a
 * server without validation, must fail with a message naming the field and the fix, never with an
 * exception in the controller. Pure.
 */
public final class StackSpecs {

    /** Stack names Converge's state backends accept in object names. */
    static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

    private StackSpecs() {
    }

    /** The spec, or every problem found, each naming the field. */
    public record Parsed(Optional<StackSpec> spec, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }

        public StackSpec get() {
            return spec.orElseThrow(() -> new IllegalStateException("invalid spec: " + problems));
        }
    }

    /**
     * Reads {@code spec} of the resource named {@code resourceName}.
     *
     * @param spec the {@code spec} map as the API server returns it (null when absent)
     */
    public static Parsed parse(Map<String, Object> spec, String resourceName) {
        Reader in = new Reader(spec == null ? Map.of() : spec);
        String image = in.requiredString("image", "the image holding your program and Converge's runner");
        Map<String, Object> program = in.map("program");
        String programClass = new Reader(program, "program.", in.problems).requiredString("class",
                "the fully qualified name of your dev.converge.api.Program class");
        List<String> args = new Reader(program, "program.", in.problems).strings("args");
        String stackName = in.string("stackName", resourceName);
        if (!STACK_NAME.matcher(stackName).matches()) {
            in.problems.add("spec.stackName '" + stackName + "' is not a stack name: use up to 63 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        Duration interval = in.duration("interval", "10m");
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            in.problems.add("spec.interval " + Durations.format(interval) + " is too short: use at least 5s");
        }
        Optional<Duration> driftCheck = Optional.ofNullable(in.duration("driftCheckInterval", null));
        StackSpec.Approval approval = in.choice("approval", StackSpec.Approval.class, "auto");
        StackSpec.DeletionPolicy deletion = in.choice("deletionPolicy", StackSpec.DeletionPolicy.class, "keep");
        String pullPolicy = in.string("imagePullPolicy", "IfNotPresent");
        if (!List.of("Never", "IfNotPresent", "Always").contains(pullPolicy)) {
            in.problems.add("spec.imagePullPolicy '" + pullPolicy + "' must be Never, IfNotPresent or Always");
        }
        StackSpec result = new StackSpec(image == null ? "" : image, pullPolicy, in.strings("command"),
                programClass == null ? "" : programClass, args, stackName, in.stringMap("config"),
                in.names("configMapRefs"), in.names("secretRefs"), interval == null ? Duration.ZERO : interval,
                driftCheck, in.bool("suspend"), approval, deletion, in.string("serviceAccountName", "converge-runner"),
                orZero(in.duration("timeout", "30m")));
        return new Parsed(in.problems.isEmpty() ? Optional.of(result) : Optional.empty(), in.problems);
    }

    private static Duration orZero(Duration duration) {
        return duration == null ? Duration.ZERO : duration;
    }

    /** Reads fields of one map, collecting problems instead of throwing. */
    private static final class Reader {
        private final Map<String, Object> fields;
        private final String prefix;
        private final List<String> problems;

        Reader(Map<String, Object> fields) {
            this(fields, "", new ArrayList<>());
        }

        Reader(Map<String, Object> fields, String prefix, List<String> problems) {
            this.fields = fields;
            this.prefix = "spec." + prefix;
            this.problems = problems;
        }

        String requiredString(String field, String what) {
            Object value = fields.get(field);
            if (value instanceof String text && !text.isBlank()) {
                return text.strip();
            }
            problems.add(prefix + field + " is required: " + what);
            return null;
        }

        String string(String field, String fallback) {
            Object value = fields.get(field);
            if (value == null) {
                return fallback;
            }
            if (value instanceof String text && !text.isBlank()) {
                return text.strip();
            }
            problems.add(prefix + field + " must be a non-empty string, not " + value);
            return fallback;
        }

        boolean bool(String field) {
            Object value = fields.get(field);
            if (value != null && !(value instanceof Boolean)) {
                problems.add(prefix + field + " must be true or false, not " + value);
            }
            return Boolean.TRUE.equals(value);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String field) {
            Object value = fields.get(field);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            if (value != null) {
                problems.add(prefix + field + " must be an object, not " + value);
            }
            return Map.of();
        }

        List<String> strings(String field) {
            Object value = fields.get(field);
            List<String> result = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(item -> result.add(String.valueOf(item)));
            } else if (value != null) {
                problems.add(prefix + field + " must be a list of strings, not " + value);
            }
            return result;
        }

        Map<String, String> stringMap(String field) {
            Map<String, String> result = new LinkedHashMap<>();
            map(field).forEach((key, value) -> {
                if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
                    problems.add(prefix + field + "." + key + " must be a string (quote numbers and booleans)");
                } else {
                    result.put(key, String.valueOf(value));
                }
            });
            return result;
        }

        /** Names from a list of {@code {name: ...}} references. */
        List<String> names(String field) {
            List<String> result = new ArrayList<>();
            Object value = fields.get(field);
            if (value != null && !(value instanceof List<?>)) {
                problems.add(prefix + field + " must be a list of {name: ...}, not " + value);
                return result;
            }
            int index = 0;
            for (Object item : value == null ? List.of() : (List<?>) value) {
                Object name = item instanceof Map<?, ?> ref ? ref.get("name") : null;
                if (name instanceof String text && !text.isBlank()) {
                    result.add(text.strip());
                } else {
                    problems.add(prefix + field + "[" + index + "].name is required");
                }
                index++;
            }
            return result;
        }

        Duration duration(String field, String fallback) {
            String text = string(field, fallback);
            if (text == null) {
                return null;
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(prefix + field + ": " + e.getMessage());
                return null;
            }
        }

        <E extends Enum<E>> E choice(String field, Class<E> type, String fallback) {
            String text = string(field, fallback);
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + field + " '" + text + "' must be one of "
                        + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
                return Enum.valueOf(type, fallback.toUpperCase(Locale.ROOT));
            }
        }
    }
}
