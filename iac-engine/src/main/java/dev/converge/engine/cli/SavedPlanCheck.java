package dev.converge.engine.cli;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanFile;
import java.nio.file.Path;

/** Refuses a saved plan whose state, configuration or program moved on since it was made. */
final class SavedPlanCheck {

    private SavedPlanCheck() {
    }

    static void verify(PlanFile saved, Plan now, Path file) {
        String fix = "make a new plan with 'plan --out " + file + "', review it, and apply that";
        if (!saved.stack().equals(now.stack())) {
            throw ConvergeException.of("", "saved plan " + file + " is for stack '" + saved.stack()
                    + "', not '" + now.stack() + "'", "pass --stack " + saved.stack() + ", or " + fix);
        }
        if (!saved.lineage().equals(now.lineage()) || saved.priorSerial() != now.priorSerial()) {
            throw ConvergeException.of("", "saved plan " + file + " is stale: it was made for state serial "
                    + saved.priorSerial() + ", but the state is now at serial " + now.priorSerial()
                    + (saved.lineage().equals(now.lineage()) ? "" : " of another lineage"), fix);
        }
        if (!saved.fingerprint().config().equals(now.fingerprint().config())) {
            throw ConvergeException.of("", "saved plan " + file + " is stale: the stack configuration changed "
                    + "since it was made", fix);
        }
        if (!saved.fingerprint().program().equals(now.fingerprint().program())) {
            throw ConvergeException.of("", "saved plan " + file + " is stale: the program or the real "
                    + "infrastructure changed since it was made, so it would not apply the same changes", fix);
        }
    }
}
