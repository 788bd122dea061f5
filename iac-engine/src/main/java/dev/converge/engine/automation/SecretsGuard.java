package dev.converge.engine.automation;

import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.StateSession;

/** Checks, before apply starts, that the secrets a plan would store can be encrypted. */
final class SecretsGuard {

    private SecretsGuard() {
    }

    /**
     * Refuses, before any change, a plan whose secrets could not be stored: creating an object and then
     * failing to record it would leave it behind.
     */
    static void requireKey(StateSession session, Plan plan) {
        if (session.canStoreSecrets()) {
            return;
        }
        for (Change change : plan.changes()) {
            Object after = switch (change.kind()) {
                case CREATE -> ((Change.Create) change).after();
                case UPDATE -> ((Change.Update) change).after();
                case REPLACE -> ((Change.Replace) change).after();
                case DELETE, READ, IMPORT, MOVE, NO_OP -> null;
            };
            if (dev.converge.spi.Values.containsSecret(after) || dev.converge.spi.Values.containsSecret(plan.outputs())) {
                throw dev.converge.engine.ConvergeException.of(change.address().toString(), "this plan stores secrets, but no secrets key "
                        + "is configured; nothing was changed", "set " + dev.converge.engine.state.SecretKeySource.PASSPHRASE_ENV
                        + " (a passphrase) or " + dev.converge.engine.state.SecretKeySource.KEY_FILE_ENV
                        + " (a 32-byte key file), or secrets.passphrase / secrets.keyFile in the stack configuration");
            }
        }
    }

}
