package dev.converge.engine.state;

import java.util.Locale;

/**
 * What a journal intent was about to do. A closed set: each operation says what the recovery of a run that
 * died after writing the intent, but before its outcome, does about it ({@link #onRecovery()}), so that no
 * operation falls into a catch-all. Written in the journal as its lower-case name ({@code create}); journals
 * of earlier versions used the same names.
 */
public enum JournalOperation {
    /** A provider create. */
    CREATE(OnRecovery.ADOPT_IF_CREATED),
    /** A provider update. */
    UPDATE(OnRecovery.REREAD),
    /** A provider delete. */
    DELETE(OnRecovery.REREAD),
    /** A strategy-managed service restarted through its verified steps ({@code restart ADDR}). */
    RESTART(OnRecovery.REREAD),
    /** A paused deployment continued ({@code promote ADDR}). */
    PROMOTE(OnRecovery.REREAD),
    /** A paused deployment ended ({@code abort ADDR}). */
    ABORT(OnRecovery.REREAD),
    /** The old object of a create-before-delete replacement recorded as deposed: state only. */
    DEPOSE(OnRecovery.NOTHING),
    /** A deposed record taken back after the new object failed: state only. */
    UNDEPOSE(OnRecovery.NOTHING),
    /** A resource with {@code retainOnDelete} removed from state, its object kept: state only. */
    FORGET(OnRecovery.NOTHING),
    /** Refreshed values of a drifted resource recorded: state only. */
    REFRESH(OnRecovery.NOTHING),
    /** Changed options or dependencies of an unchanged resource recorded: state only. */
    OPTIONS(OnRecovery.NOTHING);

    /** What recovery does about an intent whose outcome is unknown. */
    public enum OnRecovery {
        /** Look the object up by its ownership labels and adopt it if the call made it. */
        ADOPT_IF_CREATED,
        /** Read the object again and record what exists now (or that it is gone). */
        REREAD,
        /** Nothing: the step only changed state, and an unfinished state change was never recorded. */
        NOTHING
    }

    private final OnRecovery onRecovery;

    JournalOperation(OnRecovery onRecovery) {
        this.onRecovery = onRecovery;
    }

    public OnRecovery onRecovery() {
        return onRecovery;
    }

    /** The name the journal records. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation the journal records as {@code text}; empty name of an unknown operation gives null. */
    static JournalOperation parse(String text) {
        for (JournalOperation operation : values()) {
            if (operation.text().equals(text)) {
                return operation;
            }
        }
        return null;
    }
}
