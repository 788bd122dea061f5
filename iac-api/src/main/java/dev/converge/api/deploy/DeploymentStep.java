package dev.converge.api.deploy;

import java.util.Objects;

/**
 * One step of a deployment strategy, a point where a deployment can pause ({@code deploy --pause-at},
 * {@code promote ADDR --pause-at}). A closed set: {@link Kind#PREVIEW} (the new version runs and passed
 * its checks; no client traffic reaches it), {@link Kind#SWITCH} (blue/green: all traffic on the new
 * version), {@link Kind#SHARE} (canary: the new version gets {@link #percent()} of the traffic) and
 * {@link Kind#MIRROR} (shadow: every request is mirrored to the new version). Written and read as text in
 * one place, {@link #toString()} and {@link #parse}: {@code preview}, {@code switch}, {@code mirror}, or a
 * canary share as a number such as {@code 10}. Immutable.
 */
public final class DeploymentStep {

    /** The kinds of step. */
    public enum Kind {
        PREVIEW,
        SWITCH,
        SHARE,
        MIRROR
    }

    public static final DeploymentStep PREVIEW = new DeploymentStep(Kind.PREVIEW, 0);
    public static final DeploymentStep SWITCH = new DeploymentStep(Kind.SWITCH, 0);
    public static final DeploymentStep MIRROR = new DeploymentStep(Kind.MIRROR, 0);

    private final Kind kind;
    private final int percent;

    private DeploymentStep(Kind kind, int percent) {
        this.kind = kind;
        this.percent = percent;
    }

    /** A canary step: the new version gets {@code percent} (1 to 100) of the client traffic. */
    public static DeploymentStep share(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("a canary share is a percentage from 1 to 100, not " + percent);
        }
        return new DeploymentStep(Kind.SHARE, percent);
    }

    /**
     * The step {@code text} names: {@code preview}, {@code switch}, {@code mirror} or a share such as {@code 10}.
     *
     * @throws IllegalArgumentException naming the steps there are, if {@code text} names none
     */
    public static DeploymentStep parse(String text) {
        String step = Objects.requireNonNull(text, "text").strip();
        switch (step) {
            case "preview":
                return PREVIEW;
            case "switch":
                return SWITCH;
            case "mirror":
                return MIRROR;
            default:
                if (step.matches("\\d{1,3}")) {
                    return share(Integer.parseInt(step));
                }
                throw new IllegalArgumentException("'" + text + "' names no deployment step; steps are preview,"
                        + " switch (blue/green), a canary share such as 10, and mirror (shadow)");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The canary's share of client traffic at a {@link Kind#SHARE} step, in percent; 0 for the others. */
    public int percent() {
        return percent;
    }

    /** The step as text, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return switch (kind) {
            case PREVIEW -> "preview";
            case SWITCH -> "switch";
            case MIRROR -> "mirror";
            case SHARE -> Integer.toString(percent);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeploymentStep that && kind == that.kind && percent == that.percent;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + percent;
    }
}
