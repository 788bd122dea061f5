package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.spi.ProviderException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where relative paths resolve and where process logs go by default.
 *
 * @param workDir the program's working directory, absolute
 * @param logDirectory the default directory of process logs, absolute
 */
record Workspace(Path workDir, Path logDirectory) {

    /** Used when a request carries no timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    Workspace {
        workDir = workDir.toAbsolutePath().normalize();
        logDirectory = workDir.resolve(logDirectory).normalize();
    }

    /** The current directory, with logs in {@code .converge/logs}. */
    static Workspace current() {
        return of(Path.of(""), null);
    }

    static Workspace of(Path workDir, String logDirectory) {
        Path absolute = workDir.toAbsolutePath().normalize();
        return new Workspace(absolute, logDirectory == null
                ? absolute.resolve(".converge").resolve("logs") : absolute.resolve(logDirectory));
    }

    /** The absolute, normalized form of a declared path. */
    Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }

    /** The declared {@code path} property, resolved; fails naming the resource when it is missing. */
    Path requirePath(Address address, Map<String, Object> inputs) {
        Object path = inputs.get("path");
        if (!(path instanceof String text) || text.isBlank()) {
            throw ProviderException.fatal(address + ": property 'path' is missing; set it on the builder");
        }
        return resolve(text);
    }

    static Duration timeoutOr(Duration timeout) {
        return timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    }
}
