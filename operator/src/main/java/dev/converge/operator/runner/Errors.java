package dev.converge.operator.runner;

import java.util.ArrayList;
import java.util.List;

/** An unexpected exception as a few lines: its message and its causes' messages. Pure. */
final class Errors {

    private Errors() {
    }

    static List<String> lines(Throwable error) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = error; t != null && lines.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            lines.add((lines.isEmpty() ? "" : "caused by ") + t);
        }
        if (error.getStackTrace().length > 0) {
            lines.add("at " + error.getStackTrace()[0]);
        }
        return lines;
    }
}
