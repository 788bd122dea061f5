package dev.converge.providers.docker;

import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.Provider;
import dev.converge.testing.ProviderContract;
import dev.converge.testing.ProviderSample;
import dev.converge.testing.RequiredServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract on the real dockerd at {@code DOCKER_HOST} (scripts/docker/start-dockerd.sh, base
 * images from scripts/docker/build-base-images.sh); skips without it, or fails under
 * CONVERGE_REQUIRE_SERVERS=1 ({@link RequiredServer}), and fails when it does not answer. Every
 * Docker change replaces the object. Images are left out: a referenced image is never deleted (it
 * belongs to whoever made it), and a built one is imported as a referenced image (its build context
 * cannot be read back), so neither reads as gone after delete or imports as the same inputs.
 */
class DockerProviderContractIT extends ProviderContract {

    /** Skips the class without a daemon, or fails it under CONVERGE_REQUIRE_SERVERS=1, before it connects. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.DOCKER;

    @Override
    protected Provider newProvider(String stack) {
        DockerProvider provider = new DockerProvider();
        provider.configure(new ConfigureRequest(stack, Map.of(), Path.of("").toAbsolutePath()));
        return provider;
    }

    /** Never configured: every call that needs the daemon fails. */
    @Override
    protected Provider detachedProvider() {
        return new DockerProvider();
    }

    @Override
    protected List<ProviderSample> samples() {
        return List.of(
                ProviderSample.replaced("volume", DockerSchemas.VOLUME, Map.of("labels", Map.of("role", "ledger")),
                        Map.of("labels", Map.of("role", "archive"))),
                ProviderSample.replaced("network", DockerSchemas.NETWORK, Map.of("labels", Map.of("role", "backend")),
                        Map.of("labels", Map.of("role", "backend"), "internal", true)),
                ProviderSample.replaced("sleeper", DockerSchemas.CONTAINER, container("contract"),
                        container("changed")));
    }

    /** With a stop timeout: docker-java's inspect data leaves it out, yet import and findOwned must report it. */
    private static Map<String, Object> container(String role) {
        return Map.of("image", "converge/busybox:1", "command", List.of("sleep", "600"), "init", true,
                "env", Map.of("ROLE", role), "labels", Map.of("role", role), "stopTimeoutSeconds", 1L);
    }
}
