package dev.converge.providers.k8s;

import dev.converge.spi.state.StateHistory;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Archived state versions of a stack, one (chunked) Secret per serial, found by label. Keeps the
 * newest {@link #KEEP} versions and deletes older ones.
 */
final class SecretHistory implements StateHistory {

    static final int KEEP = 50;
    static final String SERIAL = "converge.dev/serial";
    static final String ARCHIVED_AT = "converge.dev/archived-at";
    static final String SIZE = "converge.dev/size";

    private final SecretChunks secrets;
    private final String prefix;
    private final Map<String, String> labels;

    SecretHistory(SecretChunks secrets, String prefix, Map<String, String> labels) {
        this.secrets = secrets;
        this.prefix = prefix;
        this.labels = Map.copyOf(labels);
    }

    @Override
    public void archive(long serial, byte[] document) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SERIAL, Long.toString(serial));
        annotations.put(ARCHIVED_AT, Instant.now().toString());
        annotations.put(SIZE, Integer.toString(document.length));
        secrets.put(prefix + "-" + serial, document, labels, annotations);
        List<Entry> entries = list();
        for (int i = KEEP; i < entries.size(); i++) {
            secrets.delete(prefix + "-" + entries.get(i).serial());
        }
    }

    @Override
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (Secret head : secrets.heads(labels)) {
            String serial = SecretChunks.annotation(head, SERIAL);
            if (serial != null) {
                entries.add(new Entry(Long.parseLong(serial), Instant.parse(SecretChunks.annotation(head, ARCHIVED_AT)),
                        Long.parseLong(SecretChunks.annotation(head, SIZE))));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::serial).reversed());
        return entries;
    }

    @Override
    public Optional<byte[]> load(long serial) {
        return secrets.read(prefix + "-" + serial).map(stored -> stored.bytes());
    }
}
