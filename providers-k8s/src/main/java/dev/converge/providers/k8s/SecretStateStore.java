package dev.converge.providers.k8s;

import dev.converge.spi.state.StateStore;
import java.util.Map;
import java.util.Optional;

/** A stack's state document in a (chunked) Secret; the version is the head's resourceVersion. */
final class SecretStateStore implements StateStore {

    private final SecretChunks secrets;
    private final String name;
    private final Map<String, String> labels;

    SecretStateStore(SecretChunks secrets, String name, Map<String, String> labels) {
        this.secrets = secrets;
        this.name = name;
        this.labels = Map.copyOf(labels);
    }

    @Override
    public Optional<StoredState> read() {
        return secrets.read(name);
    }

    @Override
    public String write(byte[] document, String expectedVersion) {
        return secrets.write(name, document, expectedVersion, labels, Map.of());
    }
}
