package dev.converge.operator.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.operator.JobEnvironment;
import dev.converge.operator.JobResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the controller tells a run, through the environment of the Job's container: the mode, the stack,
 * the program and its arguments, the configuration of the Stack resource, and the approved fingerprint.
 * Keys of the referenced ConfigMaps and Secrets arrive as variables with the prefixes {@link JobEnvironment#CONFIG_PREFIX}
 * and {@link JobEnvironment#SECRET_PREFIX} ({@code envFrom}), so that a Secret's value is never copied into the Job.
 * Immutable.
 *
 * @param mode what to do
 * @param stack the Converge stack name
 * @param programClass the Program class
 * @param args arguments for its {@code String[]} constructor
 * @param namespace the namespace of the Stack resource, where the state lives
 * @param config the configuration from the Stack's {@code config} and its ConfigMaps, later ones winning
 * @param secrets the configuration from its Secrets, by key
 * @param approvedFingerprint the fingerprint a reviewer approved (mode {@code APPLY_APPROVED}), else empty
 * @param resultFile where the termination message goes
 */
record JobSettings(JobResult.Mode mode, String stack, String programClass, List<String> args, String namespace,
        Map<String, String> config, Map<String, String> secrets, String approvedFingerprint, String resultFile) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JobSettings {
        args = List.copyOf(args);
        config = Map.copyOf(config);
        secrets = Map.copyOf(secrets);
    }

    /**
     * Reads the settings from {@code environment}.
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    static JobSettings from(Map<String, String> environment) {
        JobResult.Mode mode;
        try {
            mode = JobResult.Mode.valueOf(required(environment, JobEnvironment.MODE).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JobEnvironment.MODE + " must be one of "
                    + List.of(JobResult.Mode.values()));
        }
        Map<String, String> config = new LinkedHashMap<>(json(environment, JobEnvironment.CONFIG,
                new TypeReference<>() { }, Map.of()));
        // ConfigMaps override the resource's own config; between ConfigMaps the later envFrom source wins.
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(JobEnvironment.CONFIG_PREFIX)) {
                config.put(name.substring(JobEnvironment.CONFIG_PREFIX.length()), value);
            }
        });
        Map<String, String> secrets = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(JobEnvironment.SECRET_PREFIX)) {
                secrets.put(name.substring(JobEnvironment.SECRET_PREFIX.length()), value);
            }
        });
        return new JobSettings(mode, required(environment, JobEnvironment.STACK),
                required(environment, JobEnvironment.PROGRAM),
                json(environment, JobEnvironment.ARGS, new TypeReference<List<String>>() { }, List.of()),
                required(environment, JobEnvironment.NAMESPACE), config, secrets,
                environment.getOrDefault(JobEnvironment.APPROVED, ""),
                environment.getOrDefault(JobEnvironment.RESULT_FILE, "/dev/termination-log"));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + name + " is not set: this container is"
                    + " meant to be started by the Converge operator as a Job of a Stack resource");
        }
        return value.strip();
    }

    private static <T> T json(Map<String, String> environment, String name, TypeReference<T> type, T fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return JSON.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not valid JSON of the expected shape: "
                    + e.getOriginalMessage());
        }
    }
}
