package dev.converge.providers.k8s;

import java.util.List;

/**
 * How Converge reads the field managers in an object's managedFields. Its own manager's fields are
 * Converge's. Out-of-band managers (by default every {@code kubectl} command: {@code kubectl-edit},
 * {@code kubectl-label}, {@code kubectl} for {@code scale}, {@code kubectl-client-side-apply}, ...) are
 * people changing objects by hand: their writes to declared fields are drift, shown in the plan and
 * repaired. Any other manager is a controller or tool that shares the object (an autoscaler owning
 * {@code spec.replicas}, an operator): its fields are neither drift nor overwritten. Pure and immutable.
 *
 * @param ours Converge's field manager
 * @param outOfBand names of out-of-band managers; each also matches {@code name-*}
 */
record FieldOwners(String ours, List<String> outOfBand) {

    static final FieldOwners DEFAULT = new FieldOwners(Labels.MANAGER, List.of("kubectl"));

    FieldOwners {
        outOfBand = List.copyOf(outOfBand);
    }

    boolean isOurs(Object manager) {
        return ours.equals(manager);
    }

    boolean isOutOfBand(Object manager) {
        return manager instanceof String name
                && outOfBand.stream().anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "-"));
    }
}
