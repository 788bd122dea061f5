package dev.converge.api.deploy;

import dev.converge.api.Declaration;
import java.time.Duration;

/**
 * Shadow (the lecture's "blind microservices"): the stable version answers every client request, and
 * every request is copied to the new version, whose answers are discarded. The new version is promoted
 * only when, over the observation window, it answered enough mirrored requests and no more than
 * {@link #maxFailureRatio} of them failed (status 500 or above). Otherwise it is deleted; clients never
 * saw it.
 */
public final class Shadow extends Deployment<Shadow> {

    public static final String TYPE = "deploy:Shadow";

    private Shadow(Declaration declaration) {
        super(declaration);
    }

    public static Shadow of(String name) {
        return new Shadow(Declaration.of(TYPE, name));
    }

    /** How long the shadow receives mirrored traffic before it is judged (default 10 s). */
    public Shadow observe(Duration window) {
        return with("observeMillis", window.toMillis());
    }

    /** The highest share of failed mirrored requests that still promotes (default 0.05). */
    public Shadow maxFailureRatio(double ratio) {
        return with("maxFailureRatio", ratio);
    }

    /** The fewest mirrored requests needed to judge the shadow (default 20). */
    public Shadow minMirrored(int count) {
        return with("minMirrored", (long) count);
    }

    @Override
    protected Shadow wrap(Declaration next) {
        return new Shadow(next);
    }
}
