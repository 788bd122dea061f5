package dev.converge.api;

import java.util.Map;
import java.util.Optional;

/**
 * Per-stack configuration: a file per stack, overridden by environment variables.
 *
 * <p>A key {@code accounts.version} is overridden by the environment variable
 * {@code CONVERGE_ACCOUNTS_VERSION}. A missing required key does not throw: it is recorded as a
 * diagnostic naming the key and the file, and reported with every other problem before any change
 * is made; {@link #require} then returns an empty string so the program can finish declaring.
 */
public interface Config {

    /** The stack this configuration belongs to. */
    String stack();

    Optional<String> get(String key);

    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** The value of a key that must be set; see the class comment for what happens when it is not. */
    String require(String key);

    default int getInt(String key, int defaultValue) {
        return get(key).map(String::strip).map(Integer::parseInt).orElse(defaultValue);
    }

    default boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(String::strip).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    /** A required value that is kept secret: encrypted in state, {@code (sensitive)} in output. */
    default Output<String> requireSecret(String key) {
        return Output.secret(require(key));
    }

    /** Every key and its effective value, environment overrides applied. */
    Map<String, String> asMap();
}
