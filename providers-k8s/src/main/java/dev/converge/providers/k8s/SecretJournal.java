package dev.converge.providers.k8s;

import dev.converge.spi.state.StateJournal;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stack's write-ahead journal: one Secret per record, ordered by a sequence number that grows
 * with the clock and never repeats within a client. A Secret write is atomic, so there are no torn
 * records; {@code append} returns once the API server has stored the record.
 */
final class SecretJournal implements StateJournal {

    static final String SEQUENCE = "converge.dev/sequence";

    private final SecretChunks secrets;
    private final String prefix;
    private final Map<String, String> labels;
    private final AtomicLong last;

    SecretJournal(SecretChunks secrets, String prefix, Map<String, String> labels, AtomicLong last) {
        this.secrets = secrets;
        this.prefix = prefix;
        this.labels = Map.copyOf(labels);
        this.last = last;
    }

    @Override
    public void append(byte[] record) {
        long micros = System.currentTimeMillis() * 1000;
        long sequence = last.updateAndGet(previous -> Math.max(previous + 1, micros));
        secrets.put(prefix + "-" + sequence, record, labels, Map.of(SEQUENCE, Long.toString(sequence)));
    }

    @Override
    public List<byte[]> readAll() {
        List<Secret> heads = new ArrayList<>(secrets.heads(labels));
        heads.removeIf(head -> SecretChunks.annotation(head, SEQUENCE) == null);
        heads.sort(Comparator.comparingLong(head -> Long.parseLong(SecretChunks.annotation(head, SEQUENCE))));
        List<byte[]> records = new ArrayList<>();
        for (Secret head : heads) {
            secrets.read(head.getMetadata().getName()).ifPresent(stored -> records.add(stored.bytes()));
        }
        return records;
    }

    /**
     * Deletes the records newest first, so that a clear that fails half-way (an API error, a missing right)
     * leaves the journal's first records, header included: a shorter journal that still loads.
     */
    @Override
    public void clear() {
        List<Secret> heads = new ArrayList<>(secrets.heads(labels));
        heads.sort(Comparator.comparingLong((Secret head) -> sequence(head)).reversed());
        for (Secret head : heads) {
            secrets.delete(head.getMetadata().getName());
        }
    }

    private static long sequence(Secret head) {
        String sequence = SecretChunks.annotation(head, SEQUENCE);
        return sequence == null ? Long.MAX_VALUE : Long.parseLong(sequence);
    }
}
