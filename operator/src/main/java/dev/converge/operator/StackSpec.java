package dev.converge.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code Stack} resource asks for, read and checked by {@link StackSpecs#parse}. Immutable.
 *
 * @param image the image holding the program, its dependencies and Converge's runner
 * @param imagePullPolicy {@code Never}, {@code IfNotPresent} or {@code Always}
 * @param command the runner's command line in the image; empty for the layout of Converge's operator image
 * @param programClass the {@code dev.converge.api.Program} class to run
 * @param args arguments for the program class's constructor that takes a {@code String[]}
 * @param stackName the Converge stack (its state and lock); the resource's name by default
 * @param config configuration keys and values (never secrets: the resource is readable by many)
 * @param configMaps ConfigMaps whose keys are configuration keys, later ones overriding earlier ones
 * @param secrets Secrets whose keys are configuration keys, given to the run as environment variables
 * @param interval how often the stack is reconciled when nothing else happens
 * @param driftCheckInterval how often a run only plans, to report drift between reconciles; empty for never
 * @param suspend true to start no runs
 * @param approval whether a plan is applied at once or after a reviewer approves its fingerprint
 * @param deletionPolicy what deleting the resource does to the infrastructure
 * @param serviceAccountName the account the runs use: its rights are what the program may change
 * @param timeout how long a run may take before Kubernetes stops it
 */
public record StackSpec(String image, String imagePullPolicy, List<String> command, String programClass,
        List<String> args, String stackName, Map<String, String> config, List<String> configMaps,
        List<String> secrets, Duration interval, Optional<Duration> driftCheckInterval, boolean suspend,
        Approval approval, DeletionPolicy deletionPolicy, String serviceAccountName, Duration timeout) {

    /** How a plan with changes is carried out. */
    public enum Approval {
        /** Applied by the run that planned it. */
        AUTO,
        /** Planned, reported with its fingerprint, and applied only once the annotation approves that fingerprint. */
        MANUAL
    }

    /** What deleting the Stack resource does. */
    public enum DeletionPolicy {
        /** Keep the infrastructure and its state; only the stack's lock is removed. */
        KEEP,
        /** Destroy the infrastructure first (a run), then let the resource go. */
        DESTROY
    }

    public StackSpec {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(programClass, "programClass");
        Objects.requireNonNull(stackName, "stackName");
        command = List.copyOf(command);
        args = List.copyOf(args);
        config = Map.copyOf(config);
        configMaps = List.copyOf(configMaps);
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(driftCheckInterval, "driftCheckInterval");
    }
}
