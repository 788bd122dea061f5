package dev.converge.engine.state;

import dev.converge.api.Address;

/**
 * One record of the write-ahead journal. A {@link Header} opens the records a session appended on top
 * of the state document with serial {@code serial}; every other record belongs to the header before it.
 * An {@link Intent} is written before a provider call, one of {@link Upsert}, {@link Removed} or
 * {@link Failed} with the same sequence number after it. A {@link Commit} ends an apply: the state so
 * far becomes version {@code serial}, without rewriting the document (see {@code StateSession#commit}).
 */
sealed interface JournalRecord {

    record Header(int version, String stack, String lineage, long serial, KeyDerivation kdf) implements JournalRecord {
    }

    /** {@code configuration}: the provider configuration the call uses, empty for the default one. */
    record Intent(long seq, Address address, JournalOperation operation, String type, String id, String configuration)
            implements JournalRecord {
    }

    record Upsert(long seq, ResourceState resource) implements JournalRecord {
    }

    record Removed(long seq, Address address) implements JournalRecord {
    }

    record Failed(long seq, String message) implements JournalRecord {
    }

    record Commit(long serial, java.time.Instant at, java.util.Map<String, Object> outputs) implements JournalRecord {
    }
}
