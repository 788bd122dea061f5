package dev.converge.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@link JobResult} as compact JSON that fits a container's termination message: the kubelet keeps at most
 * 4096 bytes of {@code /dev/termination-log}, so long lists are shortened (the first errors are always
 * kept, since they name the cause) and the result says it was. Pure and thread-safe.
 */
public final class JobResultCodec {

    /** The kubelet's limit for one container's termination message. */
    public static final int MAX_BYTES = 4096;
    /** The runner also logs its report on a line starting with this, the fallback when the file was not written. */
    public static final String LOG_PREFIX = "result: ";
    static final int FORMAT = 1;
    private static final int MAX_LINE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobResultCodec() {
    }

    /** The result as one line of JSON of at most {@link #MAX_BYTES} bytes. */
    public static String encode(JobResult result) {
        JobResult fitted = capped(result);
        String json = write(fitted);
        while (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            fitted = halveLargest(fitted);
            json = write(fitted);
        }
        return json;
    }

    /** The result in {@code text}, or empty when it is not one (a crash left the log's tail instead). */
    public static Optional<JobResult> decode(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(text.strip());
            if (root.path("v").asInt() != FORMAT) {
                return Optional.empty();
            }
            JsonNode serial = root.path("serial");
            return Optional.of(new JobResult(JobResult.Mode.valueOf(root.path("mode").asText()),
                    JobResult.Status.valueOf(root.path("status").asText()),
                    serial.isNumber() ? OptionalLong.of(serial.asLong()) : OptionalLong.empty(),
                    counts(root.path("plan")), counts(root.path("done")), root.path("fingerprint").asText(""),
                    strings(root.path("changes")), strings(root.path("drift")), outputs(root.path("outputs")),
                    strings(root.path("errors")), root.path("lockTakenOver").asText(""),
                    root.path("recovered").asInt(), root.path("seconds").asDouble(),
                    root.path("truncated").asBoolean()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String write(JobResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", FORMAT).put("mode", result.mode().name()).put("status", result.status().name());
        result.serial().ifPresent(serial -> root.put("serial", serial));
        root.set("plan", counts(result.plan()));
        root.set("done", counts(result.done()));
        if (!result.fingerprint().isEmpty()) {
            root.put("fingerprint", result.fingerprint());
        }
        putLines(root, "changes", result.changes());
        putLines(root, "drift", result.drift());
        if (!result.outputs().isEmpty()) {
            ObjectNode outputs = root.putObject("outputs");
            new TreeMap<>(result.outputs()).forEach(outputs::put);
        }
        putLines(root, "errors", result.errors());
        if (!result.lockTakenOver().isEmpty()) {
            root.put("lockTakenOver", result.lockTakenOver());
        }
        root.put("recovered", result.recovered());
        root.put("seconds", Math.round(result.seconds() * 10) / 10.0);
        if (result.truncated()) {
            root.put("truncated", true);
        }
        return root.toString();
    }

    private static void putLines(ObjectNode root, String field, List<String> lines) {
        if (!lines.isEmpty()) {
            ArrayNode array = root.putArray(field);
            lines.forEach(array::add);
        }
    }

    private static ArrayNode counts(JobResult.Counts counts) {
        return JSON.createArrayNode().add(counts.add()).add(counts.change()).add(counts.destroy());
    }

    private static JobResult.Counts counts(JsonNode node) {
        return node.isArray() && node.size() == 3
                ? new JobResult.Counts(node.get(0).asInt(), node.get(1).asInt(), node.get(2).asInt())
                : JobResult.Counts.NONE;
    }

    private static List<String> strings(JsonNode node) {
        List<String> lines = new ArrayList<>();
        node.forEach(item -> lines.add(item.asText()));
        return lines;
    }

    private static Map<String, String> outputs(JsonNode node) {
        Map<String, String> outputs = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> outputs.put(field.getKey(), field.getValue().asText()));
        return outputs;
    }

    /** Every line and value cut to {@value #MAX_LINE} characters. */
    private static JobResult capped(JobResult r) {
        Map<String, String> outputs = new LinkedHashMap<>();
        r.outputs().forEach((key, value) -> outputs.put(cut(key), cut(value)));
        return new JobResult(r.mode(), r.status(), r.serial(), r.plan(), r.done(), r.fingerprint(), cut(r.changes()),
                cut(r.drift()), outputs, cut(r.errors()), cut(r.lockTakenOver()), r.recovered(), r.seconds(),
                r.truncated());
    }

    private static List<String> cut(List<String> lines) {
        return lines.stream().map(JobResultCodec::cut).toList();
    }

    private static String cut(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 1) + "…";
    }

    /**
     * Halves the longest list (outputs counted as one); errors keep their first three lines, which name the
     * cause. Every call shortens something, so {@link #encode} ends.
     */
    private static JobResult halveLargest(JobResult r) {
        int errors = r.errors().size() > 3 ? r.errors().size() : 0;
        int largest = Math.max(Math.max(r.changes().size(), r.drift().size()), Math.max(r.outputs().size(), errors));
        List<String> changes = r.changes();
        List<String> drift = r.drift();
        Map<String, String> outputs = r.outputs();
        List<String> errorLines = r.errors();
        if (largest == 0) {
            errorLines = errorLines.stream().map(line -> line.substring(0, Math.min(line.length(), 80))).toList();
        } else if (largest == changes.size()) {
            changes = changes.subList(0, changes.size() / 2);
        } else if (largest == drift.size()) {
            drift = drift.subList(0, drift.size() / 2);
        } else if (largest == outputs.size()) {
            Map<String, String> kept = new TreeMap<>();
            new TreeMap<>(outputs).entrySet().stream().limit(outputs.size() / 2)
                    .forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
            outputs = kept;
        } else {
            errorLines = errorLines.subList(0, Math.max(3, errorLines.size() / 2));
        }
        return new JobResult(r.mode(), r.status(), r.serial(), r.plan(), r.done(), r.fingerprint(), changes, drift,
                outputs, errorLines, largest == 0 ? "" : r.lockTakenOver(), r.recovered(), r.seconds(), true);
    }
}
