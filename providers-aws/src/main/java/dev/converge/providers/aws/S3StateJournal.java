package dev.converge.providers.aws;

import dev.converge.spi.state.StateJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The journal as one object per record under {@code journal/}. Keys start with a 20-digit sequence
 * (microseconds since the epoch, strictly increasing within the JVM), so S3's lexicographic listing
 * returns records in append order. An S3 put is atomic, so there are no torn records.
 */
final class S3StateJournal implements StateJournal {

    /** Shared by every journal of the JVM so that appends through different instances stay ordered. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final S3Client s3;
    private final S3StateBackend.S3Keys keys;

    S3StateJournal(S3Client s3, S3StateBackend.S3Keys keys) {
        this.s3 = s3;
        this.keys = keys;
    }

    private static long next() {
        long now = System.currentTimeMillis() * 1000;
        return SEQUENCE.updateAndGet(last -> Math.max(last + 1, now));
    }

    @Override
    public void append(byte[] record) {
        String key = keys.journal() + String.format("%020d", next()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        S3Objects.put(s3, keys.bucket(), key, record, null, false);
    }

    @Override
    public List<byte[]> readAll() {
        List<byte[]> records = new ArrayList<>();
        for (String key : keys()) {
            S3Objects.get(s3, keys.bucket(), key).ifPresent(object -> records.add(object.bytes()));
        }
        return records;
    }

    @Override
    public void clear() {
        List<String> all = keys();
        try {
            for (int start = 0; start < all.size(); start += 1000) {
                List<ObjectIdentifier> batch = all.subList(start, Math.min(all.size(), start + 1000)).stream()
                        .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
                s3.deleteObjects(b -> b.bucket(keys.bucket()).delete(d -> d.objects(batch).quiet(true)));
            }
        } catch (SdkException e) {
            throw S3Objects.failure("clear", keys.bucket(), keys.journal(), e);
        }
    }

    private List<String> keys() {
        try {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(this.keys.bucket()).prefix(this.keys.journal())).contents()
                    .forEach(object -> keys.add(object.key()));
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw S3Objects.failure("list", this.keys.bucket(), this.keys.journal(), e);
        }
    }
}
