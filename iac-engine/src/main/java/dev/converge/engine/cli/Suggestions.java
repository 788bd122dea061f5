package dev.converge.engine.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The names close to a misspelt one, for "Did you mean" hints. */
final class Suggestions {

    private Suggestions() {
    }

    /** The names within a few edits of {@code wrong}, or starting with it, in their given order. */
    static List<String> closest(String wrong, Collection<String> names) {
        List<String> close = new ArrayList<>();
        int allowed = Math.max(2, wrong.length() / 4);
        for (String name : names) {
            if (name.startsWith(wrong) || distance(wrong, name) <= allowed) {
                close.add(name);
            }
        }
        return close;
    }

    /** The Levenshtein distance: insertions, deletions and substitutions that turn one into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
