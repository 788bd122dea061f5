package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.PropertyDiff;
import java.util.List;
import java.util.Map;

/**
 * One planned action on one resource. A closed set: dispatch on {@link #kind()} with a switch
 * expression that lists every constant and no default, so that a new kind breaks the build where it
 * must be handled. Property maps may hold {@link dev.converge.api.Unknown} and {@link dev.converge.api.Secret}.
 */
public sealed interface Change permits Change.Create, Change.Update, Change.Replace, Change.Delete,
        Change.Read, Change.Import, Change.Move, Change.NoOp {

    /** The kinds of change, in the order a plan lists them. */
    enum Kind {
        CREATE,
        UPDATE,
        REPLACE,
        DELETE,
        READ,
        IMPORT,
        MOVE,
        NO_OP
    }

    Kind kind();

    Address address();

    String type();

    /** A new object. */
    record Create(Address address, String type, Map<String, Object> after) implements Change {
        public Create {
            after = dev.converge.spi.Values.copyOf(after);
        }

        @Override
        public Kind kind() {
            return Kind.CREATE;
        }
    }

    /** An in-place change of an existing object. */
    record Update(Address address, String type, String id, Map<String, Object> before, Map<String, Object> after,
            List<PropertyDiff> diffs) implements Change {
        public Update {
            before = dev.converge.spi.Values.copyOf(before);
            after = dev.converge.spi.Values.copyOf(after);
            diffs = List.copyOf(diffs);
        }

        @Override
        public Kind kind() {
            return Kind.UPDATE;
        }
    }

    /**
     * A new object in place of the old one, in the given order, for the given reason.
     *
     * @param cause why, as a closed set
     * @param reason why, for people (such as {@code changing image forces replacement})
     */
    record Replace(Address address, String type, String id, Map<String, Object> before, Map<String, Object> after,
            List<PropertyDiff> diffs, ReplacementReason cause, String reason, ReplacementOrder order) implements Change {
        public Replace {
            java.util.Objects.requireNonNull(cause, "cause");
            before = dev.converge.spi.Values.copyOf(before);
            after = dev.converge.spi.Values.copyOf(after);
            diffs = List.copyOf(diffs);
        }

        @Override
        public Kind kind() {
            return Kind.REPLACE;
        }
    }

    /**
     * Removal of an object that is no longer declared, or of everything on destroy.
     *
     * @param forget only remove it from state ({@code retainOnDelete}); the real object stays
     */
    record Delete(Address address, String type, String id, Map<String, Object> before, String reason,
            boolean forget) implements Change {
        public Delete {
            before = dev.converge.spi.Values.copyOf(before);
        }

        @Override
        public Kind kind() {
            return Kind.DELETE;
        }
    }

    /**
     * A read of what Converge does not manage, at every plan: a lookup (data source) of an existing object,
     * or the outputs of another stack ({@code type} {@link dev.converge.api.StackReference#TYPE}). It
     * changes nothing, is never recorded in state and is not counted in the summary.
     *
     * @param id the found object's id (for a stack reference, the stack's name); empty while deferred
     * @param filter the lookup's filter as resolved (for a stack reference: {@code stack} and {@code backend})
     * @param outputs what was read (values may be {@link dev.converge.api.Secret}); empty while deferred
     * @param serial the referenced stack's state serial; 0 for a lookup
     * @param deferred the filter depends on values known only after apply, so the lookup is read during apply
     */
    record Read(Address address, String type, String id, Map<String, Object> filter, Map<String, Object> outputs,
            long serial, boolean deferred) implements Change {
        public Read {
            filter = dev.converge.spi.Values.copyOf(filter);
            outputs = dev.converge.spi.Values.copyOf(outputs);
        }

        @Override
        public Kind kind() {
            return Kind.READ;
        }

        /** Whether this reads another stack's outputs rather than looking an object up. */
        public boolean isStackReference() {
            return type.equals(dev.converge.api.StackReference.TYPE);
        }
    }

    /** Adoption of an existing object into state. */
    record Import(Address address, String type, String id) implements Change {
        @Override
        public Kind kind() {
            return Kind.IMPORT;
        }
    }

    /** A rename in code, through an alias: the state entry moves, the object stays. */
    record Move(Address from, Address address, String type) implements Change {
        @Override
        public Kind kind() {
            return Kind.MOVE;
        }
    }

    /** Nothing to do. */
    record NoOp(Address address, String type, String id) implements Change {
        @Override
        public Kind kind() {
            return Kind.NO_OP;
        }
    }
}
