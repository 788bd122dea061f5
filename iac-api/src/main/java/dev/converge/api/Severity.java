package dev.converge.api;

/** How serious a {@link Diagnostic} is: errors stop a run before any change, warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
