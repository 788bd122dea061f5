package dev.converge.e2e.k8s;

import dev.converge.testing.RequiredServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests of the Erlbank-on-Kubernetes example against the real API server: a working
 * directory and a {@link RealCluster} (which fails the test when the control plane is missing) per test;
 * the cluster's namespace and stack are removed after it.
 */
abstract class ErlbankOnRealCluster {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1, before it connects. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    @TempDir
    Path dir;

    RealCluster cluster;

    @BeforeEach
    void connect() {
        cluster = new RealCluster();
    }

    @AfterEach
    void disconnect() {
        cluster.close();
    }

    /** One command of Erlbank's command line in this test's working directory and stack. */
    CliRun run(String... args) {
        return cluster.cli(dir, args);
    }
}
