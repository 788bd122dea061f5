package dev.converge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hermetic environment of a {@link ConvergeTest} run: the stack configuration passed as
 * {@code CONVERGE_*} overrides (so no file and no process variable leaks in), and a secrets key file
 * made once per JVM (a key file, not a passphrase, because key derivation is deliberately slow).
 */
final class KitEnvironment {

    /** A working directory that holds no configuration file. */
    static final Path WORK_DIR = Path.of(System.getProperty("java.io.tmpdir"), "converge-test-kit-empty")
            .toAbsolutePath();

    private static volatile Path keyFile;

    private KitEnvironment() {
    }

    static Map<String, String> of(Map<String, String> config) {
        Map<String, String> environment = new HashMap<>();
        config.forEach((key, value) -> environment.put(
                "CONVERGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        if (!config.containsKey("secrets.passphrase") && !config.containsKey("secrets.keyFile")) {
            environment.put("CONVERGE_SECRETS_KEYFILE", keyFile().toString());
        }
        return environment;
    }

    /**
     * The key file, written on first use. Neither {@code SecureRandom} nor {@code Files.createTempFile}
     * (which uses it for the name): setting it up cost a plan-only test class up to 0.1 s, and this key
     * only encrypts secrets in an in-memory state that dies with the JVM, so it needs no cryptographic
     * randomness. The name carries the process id so parallel test JVMs never share a file.
     */
    private static synchronized Path keyFile() {
        if (keyFile == null) {
            try {
                byte[] key = new byte[32];
                ThreadLocalRandom.current().nextBytes(key);
                Path file = Path.of(System.getProperty("java.io.tmpdir"), "converge-test-kit-"
                        + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()) + ".key");
                Files.write(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                file.toFile().deleteOnExit();
                keyFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test kit's secrets key file", e);
            }
        }
        return keyFile;
    }
}
