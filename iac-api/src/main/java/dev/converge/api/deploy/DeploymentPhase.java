package dev.converge.api.deploy;

import java.util.Locale;

/**
 * Where a strategy-managed service stands between deployments. A closed set: {@link #STABLE} (one version
 * serves all traffic), {@link #PAUSED} (a deployment stopped after a step: {@code promote ADDR} continues
 * it, {@code abort ADDR} ends it) and {@link #INTERRUPTED} (a run was killed between steps; the next apply
 * repairs it). Written in state as its lower-case name.
 */
public enum DeploymentPhase {
    STABLE,
    PAUSED,
    INTERRUPTED;

    /** The name state records, such as {@code paused}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The phase state records as {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} names no phase
     */
    public static DeploymentPhase parse(String text) {
        for (DeploymentPhase phase : values()) {
            if (phase.text().equals(text)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("'" + text + "' names no deployment phase (stable, paused, interrupted)");
    }
}
