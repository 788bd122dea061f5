package dev.converge.engine.cli;

import java.util.List;

/** The layout of usage help: two aligned columns. */
final class Usage {

    /** Names wider than this put their description on the next line. */
    private static final int NAME_WIDTH = 26;

    private Usage() {
    }

    /** Rows of a name and its description, the descriptions aligned; one line each, ending with a newline. */
    static String table(List<String[]> rows) {
        int width = 0;
        for (String[] row : rows) {
            if (row[0].length() <= NAME_WIDTH) {
                width = Math.max(width, row[0].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            text.append("  ").append(row[0]);
            if (row[0].length() > width) {
                text.append('\n').append(" ".repeat(width + 2));
            } else {
                text.append(" ".repeat(width - row[0].length()));
            }
            text.append("  ").append(row[1]).append('\n');
        }
        return text.toString();
    }
}
