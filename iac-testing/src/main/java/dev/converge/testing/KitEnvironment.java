package dev.converge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

    private static synchronized Path keyFile() {
        if (keyFile == null) {
            try {
                Path file = Files.createTempFile("converge-test-kit", ".key");
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.write(file, key);
                file.toFile().deleteOnExit();
                keyFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test kit's secrets key file", e);
            }
        }
        return keyFile;
    }
}
