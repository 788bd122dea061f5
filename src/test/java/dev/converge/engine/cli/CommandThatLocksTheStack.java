package dev.converge.engine.cli;

import dev.converge.engine.state.StateSession;

/**
 * A planted violation for {@code EngineBoundarySelfTest}: a command-line class that opens a state session
 * itself instead of calling the Automation API. Compiled with the tests only; the architecture test never
 * imports it.
 */
final class CommandThatLocksTheStack {

    private CommandThatLocksTheStack() {
    }

    static boolean locked(StateSession session) {
        return session.lock() != null;
    }
}
