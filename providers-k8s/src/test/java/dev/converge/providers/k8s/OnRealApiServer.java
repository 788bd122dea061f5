package dev.converge.providers.k8s;

import dev.converge.testing.RequiredServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the integration tests that run the command line against the real API server: a working
 * directory with the stack configuration for a {@link RealApiServer} of the test's own (namespace and
 * stack), removed after each test.
 */
abstract class OnRealApiServer {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1, before it connects. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    @TempDir
    Path dir;

    RealApiServer server;

    @BeforeEach
    void connect() {
        server = new RealApiServer();
        server.writeStackConfig(dir, Map.of());
    }

    @AfterEach
    void disconnect() {
        server.close();
    }
}
