package dev.converge.testing;

import dev.converge.spi.state.StateBackend;

class InMemoryStateBackendContractTest extends StateBackendContract {

    private final InMemoryStateBackend storage = new InMemoryStateBackend();

    @Override
    protected StateBackend newClient() {
        return storage.client();
    }
}
