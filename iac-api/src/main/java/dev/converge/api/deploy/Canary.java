package dev.converge.api.deploy;

import dev.converge.api.Declaration;
import java.util.ArrayList;
import java.util.List;

/**
 * Canary: the new version gets a growing share of client traffic in steps (by default 10%, 50%, 100%),
 * verified between steps; when the last step passes, the stable version is retired and the new one
 * becomes stable. A failed verification routes all traffic back to the stable version at once and
 * deletes the canary: only the canary's share of requests in that step could have failed.
 */
public final class Canary extends Deployment<Canary> {

    public static final String TYPE = "deploy:Canary";

    private Canary(Declaration declaration) {
        super(declaration);
    }

    public static Canary of(String name) {
        return new Canary(Declaration.of(TYPE, name));
    }

    /** The canary's traffic share per step, in percent, increasing, ending with 100. */
    public Canary steps(int... percents) {
        List<Object> steps = new ArrayList<>();
        int previous = 0;
        for (int percent : percents) {
            if (percent <= previous || percent > 100) {
                throw new IllegalArgumentException("canary steps must increase within 1..100, got "
                        + java.util.Arrays.toString(percents));
            }
            steps.add((long) percent);
            previous = percent;
        }
        if (previous != 100) {
            throw new IllegalArgumentException("the last canary step must be 100, got "
                    + java.util.Arrays.toString(percents));
        }
        return with("steps", steps);
    }

    /** How long each step holds its traffic share before it is verified again, in milliseconds. */
    public Canary stepPause(java.time.Duration pause) {
        return with("stepPauseMillis", pause.toMillis());
    }

    @Override
    protected Canary wrap(Declaration next) {
        return new Canary(next);
    }
}
