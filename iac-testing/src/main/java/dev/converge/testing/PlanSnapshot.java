package dev.converge.testing;

import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plan's stable text form for snapshot tests: one block per change in plan order, properties
 * sorted, secrets masked, values unknown until apply shown as such; no lineage, serial or
 * fingerprint, which change from run to run. Pure apart from {@link #check}'s file access.
 */
public final class PlanSnapshot {

    /** Set this system property to {@code true} to overwrite snapshots with the current plans. */
    public static final String UPDATE_PROPERTY = "converge.updateSnapshots";

    private PlanSnapshot() {
    }

    public static String render(Plan plan) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(PlanRenderer.summaryLine(plan.summary())).append('\n');
        for (Change change : plan.changes()) {
            text.append(change.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(change.address()).append(" (").append(change.type()).append(")");
            if (change instanceof Change.Replace replace) {
                text.append(" because ").append(replace.reason()).append(", ").append(replace.order());
            }
            text.append('\n');
            properties(change).forEach((key, value) -> text.append("    ").append(key).append(" = ")
                    .append(PlanRenderer.value(value)).append('\n'));
        }
        new TreeMap<>(plan.outputs()).forEach((name, value) -> text.append("output ").append(name).append(" = ")
                .append(PlanRenderer.value(value)).append('\n'));
        return text.toString();
    }

    /**
     * Empty when the plan matches the file (or the file was just written); otherwise a readable
     * line diff ({@code -} expected, {@code +} actual).
     */
    static Optional<String> check(Plan plan, Path file) {
        String actual = render(plan);
        try {
            if (!Files.exists(file) || Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return Optional.empty();
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (expected.equals(actual)) {
                return Optional.empty();
            }
            return Optional.of("the plan differs from the snapshot " + file + " (- snapshot, + plan); if the new "
                    + "plan is right, delete the file or run with -D" + UPDATE_PROPERTY + "=true:\n"
                    + LineDiff.diff(expected, actual));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the plan snapshot " + file, e);
        }
    }

    private static Map<String, Object> properties(Change change) {
        Map<String, Object> sorted = new TreeMap<>();
        switch (change.kind()) {
            case CREATE -> sorted.putAll(((Change.Create) change).after());
            case UPDATE -> ((Change.Update) change).diffs().forEach(d -> sorted.put(d.path(), d.after()));
            case REPLACE -> ((Change.Replace) change).diffs().forEach(d -> sorted.put(d.path(), d.after()));
            case DELETE, READ, IMPORT, MOVE, NO_OP -> {
            }
        }
        return sorted;
    }

    /** A minimal longest-common-subsequence line diff; snapshots are small. */
    static final class LineDiff {
        private LineDiff() {
        }

        static String diff(String expected, String actual) {
            String[] a = expected.split("\n", -1);
            String[] b = actual.split("\n", -1);
            int[][] lcs = new int[a.length + 1][b.length + 1];
            for (int i = a.length - 1; i >= 0; i--) {
                for (int j = b.length - 1; j >= 0; j--) {
                    lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            List<String> lines = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < a.length || j < b.length) {
                if (i < a.length && j < b.length && a[i].equals(b[j])) {
                    lines.add("  " + a[i++]);
                    j++;
                } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                    lines.add("+ " + b[j++]);
                } else {
                    lines.add("- " + a[i++]);
                }
            }
            return String.join("\n", lines);
        }
    }
}
