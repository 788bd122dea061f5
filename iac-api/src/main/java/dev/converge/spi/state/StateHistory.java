package dev.converge.spi.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Earlier versions of a stack's state, by serial. Backends may keep a bounded number. */
public interface StateHistory {

    void archive(long serial, byte[] document);

    /** Entries, newest first. */
    List<Entry> list();

    Optional<byte[]> load(long serial);

    /**
     * The first {@code maxBytes} bytes (or fewer) of version {@code serial}, for a look at its header
     * (stack, lineage) on every load. Backends that can read part of an object override this.
     */
    default Optional<byte[]> loadHead(long serial, int maxBytes) {
        return load(serial).map(bytes -> bytes.length <= maxBytes ? bytes : java.util.Arrays.copyOf(bytes, maxBytes));
    }

    /** One archived version. */
    record Entry(long serial, Instant archivedAt, long size) {
    }
}
