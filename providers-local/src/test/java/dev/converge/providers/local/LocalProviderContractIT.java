package dev.converge.providers.local;

import dev.converge.spi.Provider;
import dev.converge.testing.ProviderContract;
import dev.converge.testing.ProviderSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider contract on this host's files and processes. Files and directories carry no ownership
 * marker, so {@code findOwned} cannot search them; processes are found by their environment.
 */
class LocalProviderContractIT extends ProviderContract {

    @TempDir
    static Path workDir;

    @Override
    protected Provider newProvider(String stack) {
        return LocalProvider.in(workDir);
    }

    /** A workspace that does not exist: a diff that looked at files would see none there. */
    @Override
    protected Provider detachedProvider() {
        return LocalProvider.in(workDir.resolve("no-such-workspace"));
    }

    @Override
    protected List<ProviderSample> samples() {
        String file = workDir.resolve(unique("file") + ".txt").toString();
        String directory = workDir.resolve(unique("dir")).toString();
        return List.of(
                // A template cannot be imported (the file holds its rendered text): only the change uses one.
                ProviderSample.updatedInPlace("file", LocalSchemas.FILE, Map.of("path", file, "content", "greeting=hi\n"),
                        Map.of("path", file, "content", "greeting=${greeting}\n", "vars", Map.of("greeting", "moin"),
                                "mode", "0600")).unsearchable(),
                ProviderSample.updatedInPlace("dir", LocalSchemas.DIRECTORY, Map.of("path", directory),
                        Map.of("path", directory, "mode", "0700")).unsearchable(),
                ProviderSample.replaced("sleeper", LocalSchemas.PROCESS,
                        Map.of("command", List.of("sleep", "300"), "env", Map.of("ROLE", "contract")),
                        Map.of("command", List.of("sleep", "301"), "env", Map.of("ROLE", "contract"))));
    }
}
