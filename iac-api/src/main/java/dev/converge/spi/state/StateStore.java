package dev.converge.spi.state;

import java.util.Optional;

/** The current state document of one stack, written with compare-and-set. */
public interface StateStore {

    /** The stored bytes and their version, or empty if the stack has no state yet. */
    Optional<StoredState> read();

    /**
     * Replaces the document atomically if its version is still {@code expectedVersion} (null: no
     * document may exist yet), and returns the new version.
     *
     * @throws StateConflictException if another writer changed the document meanwhile
     */
    String write(byte[] document, String expectedVersion);

    /** The bytes of a state document and the backend's version tag for them. */
    record StoredState(byte[] bytes, String version) {
    }
}
