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

    /** One archived version. */
    record Entry(long serial, Instant archivedAt, long size) {
    }
}
