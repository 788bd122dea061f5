package dev.converge.providers.aws;

import dev.converge.spi.state.StateHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Archived state documents as copies {@code history/<serial, 20 digits>.json}. */
final class S3StateHistory implements StateHistory {

    private final S3Client s3;
    private final S3StateBackend.S3Keys keys;

    S3StateHistory(S3Client s3, S3StateBackend.S3Keys keys) {
        this.s3 = s3;
        this.keys = keys;
    }

    private String key(long serial) {
        return keys.history() + String.format("%020d", serial) + ".json";
    }

    @Override
    public void archive(long serial, byte[] document) {
        S3Objects.put(s3, keys.bucket(), key(serial), document, null, false);
    }

    @Override
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(keys.bucket()).prefix(keys.history()))
                    .contents()) {
                String name = object.key().substring(keys.history().length());
                if (name.endsWith(".json")) {
                    long serial = Long.parseLong(name.substring(0, name.length() - ".json".length()));
                    entries.add(new Entry(serial, object.lastModified(), object.size()));
                }
            }
        } catch (SdkException e) {
            throw S3Objects.failure("list", keys.bucket(), keys.history(), e);
        }
        entries.sort(Comparator.comparingLong(Entry::serial).reversed());
        return entries;
    }

    @Override
    public Optional<byte[]> load(long serial) {
        return S3Objects.get(s3, keys.bucket(), key(serial)).map(S3Objects.Versioned::bytes);
    }

    /** A ranged GET: every load looks at the header of one version, which must not download it whole. */
    @Override
    public Optional<byte[]> loadHead(long serial, int maxBytes) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(keys.bucket()).key(key(serial))
                    .range("bytes=0-" + (maxBytes - 1))).asByteArray());
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 416) {
                return Optional.empty();
            }
            throw S3Objects.failure("read", keys.bucket(), key(serial), e);
        } catch (SdkException e) {
            throw S3Objects.failure("read", keys.bucket(), key(serial), e);
        }
    }
}
