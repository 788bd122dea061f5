package dev.converge.engine.declare;

import dev.converge.api.Config;
import dev.converge.api.Diagnostic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A stack's configuration: {@code converge.<stack>.properties} in the working directory, each key
 * overridden by the environment variable {@code CONVERGE_<KEY>} (upper case, dots and dashes as
 * underscores). Missing required keys are collected as diagnostics. Thread-safe for reads.
 */
public final class StackConfig implements Config {

    private final String stack;
    private final Path file;
    private final Map<String, String> values;
    private final Map<String, String> environment;
    private final List<Diagnostic> problems = Collections.synchronizedList(new ArrayList<>());

    private StackConfig(String stack, Path file, Map<String, String> values, Map<String, String> environment) {
        this.stack = stack;
        this.file = file;
        this.values = values;
        this.environment = environment;
    }

    /** Loads the stack's file (absent is fine) and applies overrides from {@code environment}. */
    public static StackConfig load(Path workDir, String stack, Map<String, String> environment) {
        Path file = fileOf(workDir, stack);
        Map<String, String> values = new TreeMap<>();
        List<Diagnostic> loadProblems = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                loadProblems.add(Diagnostic.error("", "cannot read configuration file " + file,
                        e.getMessage() + "; fix the file's syntax (Java properties: key=value)"));
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        }
        StackConfig config = new StackConfig(stack, file, values, Map.copyOf(environment));
        config.problems.addAll(loadProblems);
        return config;
    }

    public static StackConfig of(String stack, Map<String, String> values) {
        return new StackConfig(stack, Path.of("converge." + stack + ".properties"), new TreeMap<>(values), Map.of());
    }

    public static Path fileOf(Path workDir, String stack) {
        return workDir.resolve("converge." + stack + ".properties");
    }

    static String environmentName(String key) {
        return "CONVERGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public String stack() {
        return stack;
    }

    @Override
    public Optional<String> get(String key) {
        String override = environment.get(environmentName(key));
        return Optional.ofNullable(override != null ? override : values.get(key));
    }

    @Override
    public String require(String key) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            problems.add(Diagnostic.error("config:" + key, "missing required configuration key '" + key + "'",
                    "add '" + key + "=...' to " + file + " or set " + environmentName(key)));
            return "";
        }
        return value.get();
    }

    @Override
    public Map<String, String> asMap() {
        Map<String, String> all = new TreeMap<>(values);
        environment.forEach((name, value) -> {
            if (!name.startsWith("CONVERGE_") || name.startsWith("CONVERGE_SECRETS_")) {
                return;
            }
            List<String> matching = all.keySet().stream().filter(key -> environmentName(key).equals(name)).toList();
            if (matching.isEmpty()) {
                // A key set only in the environment: CONVERGE_DOCKER_HOST becomes docker.host.
                all.put(name.substring("CONVERGE_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else {
                matching.forEach(key -> all.put(key, value));
            }
        });
        // The secrets key comes from this environment only (the builder's, the process's by default), so an
        // environment without it takes the key away; the engine never reads the process environment for it.
        secretSetting(all, "secrets.passphrase", "CONVERGE_SECRETS_PASSPHRASE");
        secretSetting(all, "secrets.keyFile", "CONVERGE_SECRETS_KEY_FILE");
        return Collections.unmodifiableMap(all);
    }

    private void secretSetting(Map<String, String> all, String key, String variable) {
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
            all.put(key, value);
        }
    }

    /** Problems found so far: unreadable file, missing required keys. */
    public List<Diagnostic> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }
}
