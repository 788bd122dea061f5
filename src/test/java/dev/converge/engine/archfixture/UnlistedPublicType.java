package dev.converge.engine.archfixture;

/**
 * A planted violation for {@code EngineBoundarySelfTest}: a public type in the engine's packages on neither
 * list of {@code EngineBoundary}. Compiled with the tests only; the architecture test never imports it.
 */
public final class UnlistedPublicType {

    private UnlistedPublicType() {
    }
}
