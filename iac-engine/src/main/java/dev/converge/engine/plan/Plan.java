package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan: the changes that apply will make, computed from the program, its configuration and the
 * prior state. An immutable value that can be rendered, saved, loaded, asserted on, and applied
 * exactly, or refused when the state, configuration or program moved on.
 *
 * @param stack the stack planned
 * @param lineage the prior state's lineage
 * @param priorSerial the prior state's serial; a saved plan applies only to that serial
 * @param mode normal, destroy or refresh-only
 * @param changes every change, in dependency order (deletes included), no-ops included
 * @param drift what refresh found changed outside Converge
 * @param outputs the planned stack outputs (values may be unknown or secret)
 * @param warnings non-fatal diagnostics, such as targeting in effect
 * @param fingerprint what the plan was computed from
 */
public record Plan(String stack, String lineage, long priorSerial, Mode mode, List<Change> changes, List<Drift> drift,
        Map<String, Object> outputs, List<Diagnostic> warnings, Fingerprint fingerprint) {

    /** What a plan is for. */
    public enum Mode {
        NORMAL,
        DESTROY,
        REFRESH_ONLY
    }

    /**
     * Hashes of the inputs of a plan, to refuse a saved plan whose inputs moved on: {@link #program()},
     * of the declarations and the planned changes, and {@link #config()}, of the stack configuration.
     * A planner's fingerprint is computed on first use, because only saved plans, JSON plans and policy
     * checks need it and hashing a large program costs a noticeable part of an apply. Immutable;
     * thread-safe; equal when both hashes are.
     */
    public static final class Fingerprint {
        private java.util.function.Supplier<Fingerprint> source;
        private String program;
        private String config;

        public Fingerprint(String program, String config) {
            this.program = java.util.Objects.requireNonNull(program, "program");
            this.config = java.util.Objects.requireNonNull(config, "config");
        }

        private Fingerprint(java.util.function.Supplier<Fingerprint> source) {
            this.source = source;
        }

        /** A fingerprint that {@code source} computes the first time a hash is asked for. */
        static Fingerprint lazy(java.util.function.Supplier<Fingerprint> source) {
            return new Fingerprint(java.util.Objects.requireNonNull(source, "source"));
        }

        /** The hash of the declarations and the planned changes. */
        public synchronized String program() {
            resolve();
            return program;
        }

        /** The hash of the stack configuration. */
        public synchronized String config() {
            resolve();
            return config;
        }

        private void resolve() {
            if (source != null) {
                Fingerprint computed = source.get();
                program = computed.program();
                config = computed.config();
                source = null; // let the program and changes it hashed go
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Fingerprint that && program().equals(that.program()) && config().equals(that.config());
        }

        @Override
        public int hashCode() {
            return program().hashCode() * 31 + config().hashCode();
        }

        @Override
        public String toString() {
            return "Fingerprint[program=" + program() + ", config=" + config() + "]";
        }
    }

    /** Counts for the summary line: replacements count as one add and one destroy. */
    public record Summary(int add, int change, int destroy, int move, int importCount) {
        public boolean isEmpty() {
            return add == 0 && change == 0 && destroy == 0 && move == 0 && importCount == 0;
        }
    }

    public Plan {
        changes = List.copyOf(changes);
        drift = List.copyOf(drift);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        warnings = List.copyOf(warnings);
    }

    public Summary summary() {
        int add = 0;
        int change = 0;
        int destroy = 0;
        int move = 0;
        int imports = 0;
        for (Change c : changes) {
            switch (c.kind()) {
                case CREATE -> add++;
                case UPDATE -> change++;
                case REPLACE -> {
                    add++;
                    destroy++;
                }
                case DELETE -> destroy++;
                case MOVE -> move++;
                case IMPORT -> imports++;
                case READ, NO_OP -> {
                }
            }
        }
        return new Summary(add, change, destroy, move, imports);
    }

    /** True if applying this plan would change infrastructure or state. */
    public boolean hasChanges() {
        return !summary().isEmpty();
    }

    /** The change planned for {@code address}, if any. */
    public Optional<Change> change(Address address) {
        return changes.stream().filter(c -> c.address().equals(address)).findFirst();
    }

    /** Only the changes that do something. */
    public List<Change> actions() {
        return changes.stream().filter(c -> c.kind() != Change.Kind.NO_OP && c.kind() != Change.Kind.READ).toList();
    }
}
