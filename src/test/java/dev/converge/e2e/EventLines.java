package dev.converge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard output of {@code apply --json} or {@code destroy --json}, parsed and checked against the rules of
 * docs/events-json.md: every line is one JSON object with a {@code type} and a {@code time}; the last line is
 * the {@code summary} or an {@code error}; the plan comes before the changes start, and the changes before the
 * summary; every started resource operation ends exactly once (finished or failed), and nothing ends that did
 * not start (but a {@code forget}, which makes no call).
 */
public final class EventLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> lines;

    private EventLines(List<JsonNode> lines) {
        this.lines = lines;
    }

    /** Parses every line of {@code stdout}; fails on a line that is not a JSON object with a type and a time. */
    public static EventLines parse(String stdout) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : stdout.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON line: " + line + "\nin:\n" + stdout, e);
            }
            assertThat(node.isObject()).as("line %s is an object", line).isTrue();
            assertThat(node.path("type").asText()).as("type of %s", line).isNotEmpty();
            Instant.parse(node.path("time").asText());
            parsed.add(node);
        }
        assertThat(parsed).as("no lines in:\n%s", stdout).isNotEmpty();
        return new EventLines(parsed);
    }

    public List<JsonNode> all() {
        return lines;
    }

    public List<String> types() {
        return lines.stream().map(node -> node.get("type").asText()).toList();
    }

    public List<JsonNode> ofType(String type) {
        return lines.stream().filter(node -> node.get("type").asText().equals(type)).toList();
    }

    public JsonNode only(String type) {
        List<JsonNode> found = ofType(type);
        assertThat(found).as("one %s line among %s", type, types()).hasSize(1);
        return found.get(0);
    }

    public JsonNode last() {
        return lines.get(lines.size() - 1);
    }

    /** The finished ({@code resource_done}) operations of {@code operation}, by address. */
    public List<String> done(String operation) {
        return ofType("resource_done").stream().filter(node -> node.get("operation").asText().equals(operation))
                .map(node -> node.get("address").asText()).toList();
    }

    /** Checks the order rules; returns this for more checks. */
    public EventLines assertValidOrder() {
        List<String> types = types();
        assertThat(types.get(types.size() - 1)).as("the last line of %s", types).isIn("summary", "error");
        assertThat(types.stream().filter(type -> type.equals("summary") || type.equals("error")).count())
                .as("one summary or error line in %s", types).isEqualTo(1);
        int plan = types.indexOf("plan");
        int start = types.indexOf("apply_start");
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).startsWith("resource_")) {
                assertThat(plan).as("the plan comes before %s in %s", types.get(i), types).isBetween(0, i - 1);
                assertThat(start).as("apply_start comes before %s in %s", types.get(i), types).isBetween(0, i - 1);
            }
        }
        assertThat(start == -1 || plan < start).as("plan before apply_start in %s", types).isTrue();
        assertEveryStartEndsOnce();
        return this;
    }

    private void assertEveryStartEndsOnce() {
        Map<String, Integer> open = new HashMap<>();
        for (JsonNode node : lines) {
            String type = node.get("type").asText();
            String key = node.path("address").asText() + " " + node.path("operation").asText();
            if (type.equals("resource_start")) {
                assertThat(open.merge(key, 1, Integer::sum)).as("%s started twice", key).isEqualTo(1);
            } else if (type.equals("resource_done") || type.equals("resource_failed")) {
                if (node.get("operation").asText().equals("forget")) {
                    continue;
                }
                assertThat(open.remove(key)).as("%s ends after it started", key).isEqualTo(1);
                assertThat(node.get("elapsed_ms").asLong()).isNotNegative();
                assertThat(node.get("retries").asInt()).isNotNegative();
            } else if (type.equals("resource_progress") || type.equals("resource_retry")) {
                assertThat(open).as("%s is running during %s", key, type).containsKey(key);
            }
        }
        assertThat(open).as("operations that never ended").isEmpty();
    }
}
