package dev.converge.state;

import dev.converge.engine.state.LocalStateBackend;
import dev.converge.spi.state.StateBackend;
import dev.converge.testing.StateBackendContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The local file backend passes the shared backend contract; two clients share one directory. */
class LocalStateBackendContractTest extends StateBackendContract {

    @TempDir
    Path root;

    @Override
    protected StateBackend newClient() {
        return new LocalStateBackend(root.resolve(".converge"));
    }
}
