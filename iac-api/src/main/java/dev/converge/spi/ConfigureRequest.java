package dev.converge.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Provider settings for one run.
 *
 * @param stack the stack name
 * @param settings the stack's configuration keys that start with the provider's name and a dot,
 *     such as {@code docker.host}, with the prefix kept
 * @param workDir the directory the program runs in; relative paths are resolved against it
 */
public record ConfigureRequest(String stack, Map<String, String> settings, Path workDir) {

    public ConfigureRequest {
        settings = Map.copyOf(settings);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
