package dev.converge.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.api.Diagnostic;
import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.spi.PropertyDiff;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documented JSON form of a plan ({@code plan --json}, saved plan files); see docs/plan-json.md.
 * Secrets are written as {@code "(sensitive)"} and unknown values as {@code "(known after apply)"}:
 * a plan file never holds a secret.
 */
public final class PlanJson {

    public static final int FORMAT_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PlanJson() {
    }

    public static ObjectNode toJson(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("stack", plan.stack());
        root.put("lineage", plan.lineage());
        root.put("prior_serial", plan.priorSerial());
        root.put("mode", plan.mode().name().toLowerCase(java.util.Locale.ROOT));
        Plan.Summary s = plan.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("add", s.add()).put("change", s.change()).put("destroy", s.destroy()).put("move", s.move())
                .put("import", s.importCount());
        ArrayNode changes = root.putArray("changes");
        plan.changes().forEach(change -> changes.add(change(change)));
        ArrayNode drift = root.putArray("drift");
        for (Drift d : plan.drift()) {
            ObjectNode node = drift.addObject().put("address", d.address().toString()).put("type", d.type())
                    .put("deleted", d.deleted());
            d.diffs().forEach(diff -> node.withArray("diffs").add(diff(diff)));
        }
        root.set("outputs", value(plan.outputs()));
        ArrayNode warnings = root.putArray("warnings");
        for (Diagnostic w : plan.warnings()) {
            warnings.addObject().put("address", w.address()).put("summary", w.summary()).put("detail", w.detail());
        }
        root.putObject("fingerprint").put("program", plan.fingerprint().program())
                .put("config", plan.fingerprint().config());
        return root;
    }

    public static String render(Plan plan) {
        try {
            return MAPPER.writeValueAsString(toJson(plan));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plan cannot be rendered as JSON", e);
        }
    }

    private static ObjectNode change(Change change) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("address", change.address().toString());
        node.put("type", change.type());
        node.put("action", change.kind().name().toLowerCase(java.util.Locale.ROOT));
        switch (change.kind()) {
            case CREATE -> node.set("after", value(((Change.Create) change).after()));
            case UPDATE -> {
                Change.Update u = (Change.Update) change;
                node.put("id", u.id()).set("before", value(u.before()));
                node.set("after", value(u.after()));
                u.diffs().forEach(diff -> node.withArray("diffs").add(diff(diff)));
            }
            case REPLACE -> {
                Change.Replace r = (Change.Replace) change;
                node.put("id", r.id()).put("cause", r.cause().name().toLowerCase(java.util.Locale.ROOT))
                        .put("reason", r.reason()).put("order", r.order().name().toLowerCase(
                        java.util.Locale.ROOT)).set("before", value(r.before()));
                node.set("after", value(r.after()));
                r.diffs().forEach(diff -> node.withArray("diffs").add(diff(diff)));
            }
            case DELETE -> {
                Change.Delete d = (Change.Delete) change;
                node.put("id", d.id()).put("reason", d.reason()).put("forget", d.forget()).set("before", value(d.before()));
            }
            case MOVE -> node.put("from", ((Change.Move) change).from().toString());
            case IMPORT -> node.put("id", ((Change.Import) change).id());
            case READ -> read((Change.Read) change, node);
            case NO_OP -> node.put("id", ((Change.NoOp) change).id());
        }
        return node;
    }

    /** A lookup or a stack reference: what it looked for, what it found, and for a stack its serial. */
    private static void read(Change.Read read, ObjectNode node) {
        node.put("id", read.id()).put("deferred", read.deferred());
        if (read.isStackReference()) {
            node.put("serial", read.serial());
        }
        node.set("filter", value(read.filter()));
        node.set("outputs", value(read.outputs()));
    }

    private static ObjectNode diff(PropertyDiff diff) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("path", diff.path()).put("kind", diff.kind().name().toLowerCase(java.util.Locale.ROOT));
        node.set("before", value(diff.before()));
        node.set("after", value(diff.after()));
        node.put("forces_replacement", diff.forcesReplacement());
        return node;
    }

    /** A plan value as JSON, masking secrets and naming unknowns. */
    static JsonNode value(Object value) {
        if (value instanceof Secret) {
            return MAPPER.getNodeFactory().textNode(Secret.MASK);
        }
        if (value instanceof Unknown) {
            return MAPPER.getNodeFactory().textNode(value.toString());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = MAPPER.createObjectNode();
            new TreeMap<>(map).forEach((key, item) -> node.set(String.valueOf(key), value(item)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = MAPPER.createArrayNode();
            list.forEach(item -> node.add(value(item)));
            return node;
        }
        return MAPPER.valueToTree(value);
    }
}
