package dev.converge.api;

import java.util.Objects;

/**
 * A problem found in the user's program, configuration or state, reported as data.
 *
 * @param severity whether it stops the run
 * @param address the resource or key it concerns, or an empty string for the whole stack
 * @param summary one line that says what is wrong
 * @param detail what to do about it; may be empty
 */
public record Diagnostic(Severity severity, String address, String summary, String detail) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        address = address == null ? "" : address;
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
    }

    public static Diagnostic error(String address, String summary, String detail) {
        return new Diagnostic(Severity.ERROR, address, summary, detail);
    }

    public static Diagnostic warning(String address, String summary, String detail) {
        return new Diagnostic(Severity.WARNING, address, summary, detail);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code Error: <address>: summary} followed by the detail on its own lines. */
    public String render() {
        String head = (isError() ? "Error: " : "Warning: ") + (address.isEmpty() ? "" : address + ": ") + summary;
        return detail.isEmpty() ? head : head + "\n  " + detail.replace("\n", "\n  ");
    }
}
