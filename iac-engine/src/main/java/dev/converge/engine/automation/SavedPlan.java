package dev.converge.engine.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.api.Address;
import dev.converge.api.StackReference;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import dev.converge.engine.plan.PlanOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A saved plan ({@code plan --out FILE}): the plan's JSON plus the options it was made with. Apply
 * re-evaluates the program with those options and applies only if lineage, serial and both
 * fingerprints still match: outputs computed by lambdas cannot be serialized, so the plan is checked,
 * not replayed blindly.
 */
record SavedPlan(String stack, String lineage, long priorSerial, PlanOptions options, Plan.Fingerprint fingerprint,
        Map<String, Long> referencedSerials) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static void write(Path file, Plan plan, PlanOptions options) {
        ObjectNode root = PlanJson.toJson(plan);
        ObjectNode saved = root.putObject("options");
        saved.put("mode", options.mode().name());
        options.targets().forEach(t -> saved.withArray("targets").add(t.toString()));
        options.excludes().forEach(t -> saved.withArray("excludes").add(t.toString()));
        options.replace().forEach(t -> saved.withArray("replace").add(t.toString()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".plan", ".tmp");
            Files.writeString(temp, JSON.writeValueAsString(root));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ConvergeException.of("", "cannot write plan file " + file + ": " + e.getMessage(),
                    "check that the directory exists and is writable");
        }
    }

    static SavedPlan read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw ConvergeException.of("", "cannot read plan file " + file + ": " + e.getMessage(),
                    "pass a file written by 'plan --out FILE'");
        }
        if (root == null || root.path("format_version").asInt(-1) != PlanJson.FORMAT_VERSION
                || !root.has("options") || !root.has("fingerprint")) {
            throw ConvergeException.of("", file + " is not a saved Converge plan of format "
                    + PlanJson.FORMAT_VERSION, "write a new one with 'plan --out " + file + "'");
        }
        JsonNode options = root.get("options");
        PlanOptions planOptions = new PlanOptions(Plan.Mode.valueOf(options.path("mode").asText("NORMAL")
                .toUpperCase(Locale.ROOT)), addresses(options.path("targets")), addresses(options.path("excludes")),
                addresses(options.path("replace")));
        return new SavedPlan(root.path("stack").asText(), root.path("lineage").asText(),
                root.path("prior_serial").asLong(), planOptions,
                new Plan.Fingerprint(root.path("fingerprint").path("program").asText(),
                        root.path("fingerprint").path("config").asText()), referencedSerials(root.path("changes")));
    }

    /** The serial of each other stack the plan read, by stack name. */
    private static Map<String, Long> referencedSerials(JsonNode changes) {
        Map<String, Long> serials = new TreeMap<>();
        changes.forEach(change -> {
            if (change.path("action").asText().equals("read")
                    && change.path("type").asText().equals(StackReference.TYPE)) {
                serials.put(change.path("id").asText(), change.path("serial").asLong());
            }
        });
        return serials;
    }

    /** The serials of the other stacks {@code plan} read, by stack name. */
    private static Map<String, Long> referencedSerials(Plan plan) {
        Map<String, Long> serials = new TreeMap<>();
        plan.changes().stream().filter(change -> change.kind() == Change.Kind.READ).map(Change.Read.class::cast)
                .filter(Change.Read::isStackReference).forEach(read -> serials.put(read.id(), read.serial()));
        return serials;
    }

    /** Refuses this plan, read from {@code file}, when the state, configuration or program moved on. */
    void verify(Plan now, Path file) {
        String fix = "make a new plan with 'plan --out " + file + "', review it, and apply that";
        if (!stack.equals(now.stack())) {
            throw ConvergeException.of("", "saved plan " + file + " is for stack '" + stack
                    + "', not '" + now.stack() + "'", "pass --stack " + stack + ", or " + fix);
        }
        if (!lineage.equals(now.lineage()) || priorSerial != now.priorSerial()) {
            throw ConvergeException.of("", "saved plan " + file + " is stale: it was made for state serial "
                    + priorSerial + ", but the state is now at serial " + now.priorSerial()
                    + (lineage.equals(now.lineage()) ? "" : " of another lineage"), fix);
        }
        if (!fingerprint.config().equals(now.fingerprint().config())) {
            throw ConvergeException.of("", "saved plan " + file + " is stale: the stack configuration changed "
                    + "since it was made", fix);
        }
        Map<String, Long> serialsNow = referencedSerials(now);
        referencedSerials.forEach((other, serial) -> {
            Long current = serialsNow.get(other);
            if (current != null && current != serial.longValue()) {
                throw ConvergeException.of("", "saved plan " + file + " is stale: it read stack '" + other
                        + "' at serial " + serial + ", but that stack is now at serial " + current
                        + ", so its outputs may differ", fix);
            }
        });
        if (!fingerprint.program().equals(now.fingerprint().program())) {
            throw ConvergeException.of("", "saved plan " + file + " is stale: the program or the real "
                    + "infrastructure changed since it was made, so it would not apply the same changes", fix);
        }
    }

    private static Set<Address> addresses(JsonNode array) {
        Set<Address> result = new LinkedHashSet<>();
        array.forEach(node -> result.add(Address.parse(node.asText())));
        return result;
    }
}
