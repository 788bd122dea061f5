package dev.converge.engine.plan;

import dev.converge.api.Diagnostic;
import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.spi.PropertyDiff;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link Plan} as text in the style users know from Terraform: {@code +} create,
 * {@code ~} update, {@code -/+} or {@code +/-} replace, {@code -} delete, secrets as
 * {@code (sensitive)}, and a closing summary line. Colours only when asked (on a terminal).
 */
public final class PlanRenderer {

    private final Style style;

    public PlanRenderer(boolean colour) {
        this.style = new Style(colour);
    }

    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        renderDrift(plan, out);
        renderReads(plan, out);
        List<Change> actions = plan.actions();
        if (actions.isEmpty()) {
            out.append(style.bold("No changes.")).append(" Your infrastructure matches the configuration.\n");
            renderOutputs(plan, out);
            renderWarnings(plan, out);
            return out.toString();
        }
        out.append("Converge will perform the following actions:\n\n");
        for (Change change : actions) {
            renderChange(change, out);
            out.append('\n');
        }
        out.append(summaryLine(plan.summary())).append('\n');
        renderOutputs(plan, out);
        renderWarnings(plan, out);
        return out.toString();
    }

    public static String summaryLine(Plan.Summary s) {
        StringBuilder line = new StringBuilder("Plan: " + s.add() + " to add, " + s.change() + " to change, "
                + s.destroy() + " to destroy");
        if (s.move() > 0) {
            line.append(", ").append(s.move()).append(" to move");
        }
        if (s.importCount() > 0) {
            line.append(", ").append(s.importCount()).append(" to import");
        }
        return line.append('.').toString();
    }

    private void renderChange(Change change, StringBuilder out) {
        String address = change.address().toString();
        switch (change.kind()) {
            case CREATE -> {
                out.append("  # ").append(style.bold(address)).append(" will be created\n");
                block(style.green("  +"), change, out);
                ((Change.Create) change).after().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> out.append("      ").append(style.green("+ ")).append(e.getKey()).append(" = ")
                                .append(value(e.getValue())).append('\n'));
                out.append("    }\n");
            }
            case UPDATE -> {
                out.append("  # ").append(style.bold(address)).append(" will be updated in-place\n");
                block(style.yellow("  ~"), change, out);
                ((Change.Update) change).diffs().forEach(diff -> diffLine(diff, out));
                out.append("    }\n");
            }
            case REPLACE -> {
                Change.Replace replace = (Change.Replace) change;
                boolean createFirst = replace.order() == dev.converge.api.ReplacementOrder.CREATE_BEFORE_DELETE;
                out.append("  # ").append(style.bold(address)).append(" must be replaced (").append(replace.reason())
                        .append(")\n");
                block(createFirst ? style.green("+") + "/" + style.red("-") : style.red("-") + "/" + style.green("+"),
                        change, out);
                replace.diffs().forEach(diff -> diffLine(diff, out));
                out.append("    }\n");
            }
            case DELETE -> {
                Change.Delete delete = (Change.Delete) change;
                out.append("  # ").append(style.bold(address)).append(delete.forget()
                        ? " will be removed from state; the real object is retained (retainOnDelete)\n"
                        : " will be destroyed (" + delete.reason() + ")\n");
                block(style.red("  -"), change, out);
                out.append("      id = ").append(quote(delete.id())).append('\n').append("    }\n");
            }
            case MOVE -> out.append("  # ").append(((Change.Move) change).from()).append(" has moved to ")
                    .append(style.bold(address)).append('\n');
            case IMPORT -> out.append("  # ").append(style.bold(address)).append(" will be imported (id ")
                    .append(((Change.Import) change).id()).append(")\n");
            case READ, NO_OP -> {
            }
        }
    }

    private void block(String symbol, Change change, StringBuilder out) {
        out.append(symbol).append(" resource \"").append(change.type()).append("\" \"").append(change.address())
                .append("\" {\n");
    }

    private void diffLine(PropertyDiff diff, StringBuilder out) {
        String tail = diff.forcesReplacement() ? style.red(" # forces replacement") : "";
        switch (diff.kind()) {
            case ADD -> out.append("      ").append(style.green("+ ")).append(diff.path()).append(" = ")
                    .append(value(diff.after())).append(tail).append('\n');
            case REMOVE -> out.append("      ").append(style.red("- ")).append(diff.path()).append(" = ")
                    .append(value(diff.before())).append(" -> null").append(tail).append('\n');
            case CHANGE -> out.append("      ").append(style.yellow("~ ")).append(diff.path()).append(" = ")
                    .append(value(diff.before())).append(" -> ").append(value(diff.after())).append(tail).append('\n');
        }
    }

    private void renderDrift(Plan plan, StringBuilder out) {
        if (plan.drift().isEmpty()) {
            return;
        }
        out.append("Converge detected the following changes made outside of Converge since the last apply:\n\n");
        for (Drift drift : plan.drift()) {
            if (drift.deleted()) {
                out.append("  # ").append(style.bold(drift.address().toString())).append(" has been deleted\n");
            } else {
                out.append("  # ").append(style.bold(drift.address().toString())).append(" has changed\n");
                drift.diffs().forEach(diff -> diffLine(diff, out));
            }
        }
        out.append('\n');
    }

    /** Lookups and other stacks read, as Terraform shows data sources: {@code <= data "type" "address"}. */
    private void renderReads(Plan plan, StringBuilder out) {
        List<Change.Read> reads = plan.changes().stream().filter(c -> c.kind() == Change.Kind.READ)
                .map(Change.Read.class::cast).toList();
        if (reads.isEmpty()) {
            return;
        }
        out.append("Converge read these objects, which it does not manage:\n\n");
        for (Change.Read read : reads) {
            out.append(style.bold(" <= "));
            if (read.isStackReference()) {
                out.append("stack ").append(read.id().isEmpty() ? read.filter().get("stack") : read.id())
                        .append(read.deferred() ? " (not read: validation only)" : " (serial " + read.serial() + ")");
            } else {
                out.append("data \"").append(read.type()).append("\" \"").append(read.address()).append("\" (")
                        .append(filterText(read.filter())).append(")").append(read.deferred()
                                ? ": read during apply (the filter depends on values known only after apply)"
                                : ": " + read.id());
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** A lookup's filter for messages and plans: {@code tags.Name = "main", vpcId = "vpc-1"}, secrets masked. */
    static String filterText(Map<String, Object> filter) {
        List<String> parts = new java.util.ArrayList<>();
        new TreeMap<>(filter).forEach((key, item) -> {
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                new TreeMap<>(map).forEach((entry, v) -> parts.add(key + "." + entry + " = " + value(v)));
            } else {
                parts.add(key + " = " + value(item));
            }
        });
        return parts.isEmpty() ? "no filter" : String.join(", ", parts);
    }

    private void renderOutputs(Plan plan, StringBuilder out) {
        if (plan.outputs().isEmpty() || plan.mode() == Plan.Mode.DESTROY) {
            return;
        }
        out.append("\nOutputs:\n");
        new TreeMap<>(plan.outputs()).forEach((name, v) -> out.append("  ").append(name).append(" = ")
                .append(value(v)).append('\n'));
    }

    private void renderWarnings(Plan plan, StringBuilder out) {
        for (Diagnostic warning : plan.warnings()) {
            out.append('\n').append(style.yellow(warning.render())).append('\n');
        }
    }

    /** A value as shown in plans: strings quoted, secrets masked, unknowns named. */
    public static String value(Object value) {
        if (value instanceof Secret || value instanceof Unknown || value == null) {
            return String.valueOf(value);
        }
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>(map).forEach((key, item) -> out.append(out.length() > 1 ? ", " : " ").append(quote(
                    String.valueOf(key))).append(" = ").append(value(item)));
            return out.append(map.isEmpty() ? "}" : " }").toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(item -> out.append(out.length() > 1 ? ", " : "").append(value(item)));
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** ANSI colours, or none. */
    private record Style(boolean on) {
        String green(String s) {
            return on ? "\u001b[32m" + s + "\u001b[0m" : s;
        }

        String yellow(String s) {
            return on ? "\u001b[33m" + s + "\u001b[0m" : s;
        }

        String red(String s) {
            return on ? "\u001b[31m" + s + "\u001b[0m" : s;
        }

        String bold(String s) {
            return on ? "\u001b[1m" + s + "\u001b[0m" : s;
        }
    }
}
