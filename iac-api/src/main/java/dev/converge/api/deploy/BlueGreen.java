package dev.converge.api.deploy;

import dev.converge.api.Declaration;

/**
 * Blue/green: the new version starts as the idle colour and is verified through the router's preview
 * endpoint before any client traffic reaches it; then all traffic switches at once. The old colour keeps
 * running, so switching back is instant. A failed verification deletes the new colour; clients never
 * saw it.
 */
public final class BlueGreen extends Deployment<BlueGreen> {

    public static final String TYPE = "deploy:BlueGreen";

    private BlueGreen(Declaration declaration) {
        super(declaration);
    }

    public static BlueGreen of(String name) {
        return new BlueGreen(Declaration.of(TYPE, name));
    }

    @Override
    protected BlueGreen wrap(Declaration next) {
        return new BlueGreen(next);
    }
}
