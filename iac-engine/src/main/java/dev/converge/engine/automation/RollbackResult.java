package dev.converge.engine.automation;

import java.util.List;

/**
 * What {@link StackEngine#rollback} did. Immutable.
 *
 * @param fromSerial the state serial before the rollback
 * @param toSerial the serial whose resources and inputs were restored
 * @param dataChanges the resources holding data the rollback replaced or deleted (allowed by the request)
 * @param applied the apply of the rollback's plan
 * @param pinned whether the stack is now pinned to {@code toSerial}: an apply of the unchanged program refuses
 */
public record RollbackResult(long fromSerial, long toSerial, List<String> dataChanges, ApplyResult applied,
        boolean pinned) {

    public RollbackResult {
        dataChanges = List.copyOf(dataChanges);
    }

    public boolean succeeded() {
        return applied.succeeded();
    }
}
