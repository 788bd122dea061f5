package dev.converge.engine.state;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code state.json} of one stack, compare-and-set by a checksum of its bytes ({@link LocalFiles#version})
 * and, for a lock holder, fenced by the lock in the same step.
 */
final class LocalStore implements StateStore {

    private final Path dir;
    private final Path file;
    /** The lock holder whose writes these are, checked under the mutex; null for an unfenced store. */
    private final LockInfo fence;

    LocalStore(Path dir, LockInfo fence) {
        this.dir = dir;
        this.file = dir.resolve("state.json");
        this.fence = fence;
    }

    @Override
    public Optional<StoredState> read() {
        byte[] bytes = LocalFiles.readOrNull(file);
        return bytes == null ? Optional.empty() : Optional.of(new StoredState(bytes, LocalFiles.version(bytes)));
    }

    @Override
    public String write(byte[] document, String expectedVersion) {
        return LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            if (fence != null) {
                LocalLock.requireHolder(dir, fence);
            }
            byte[] current = LocalFiles.readOrNull(file);
            String currentVersion = current == null ? null : LocalFiles.version(current);
            if (!Objects.equals(currentVersion, expectedVersion)) {
                throw new StateConflictException(file + " was changed by another writer (expected version "
                        + expectedVersion + ", found " + currentVersion + "); nothing was written");
            }
            LocalFiles.deleteTempFiles(dir);
            LocalFiles.writeAtomically(file, document);
            return LocalFiles.version(document);
        });
    }
}
