package dev.converge.providers.aws;

import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import dev.converge.spi.state.StateJournal;
import dev.converge.spi.state.StateLock;
import dev.converge.spi.state.StateStore;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Stack state in an S3 bucket, safe for several machines at once.
 *
 * <p>Layout under {@code s3://BUCKET/PREFIX<stack>/}: {@code state.json} (the current document),
 * {@code lock.json} (the holder's {@link dev.converge.spi.state.LockInfo} as JSON),
 * {@code history/<serial>.json} (archived copies) and {@code journal/<sequence>} (one object per
 * journal record).
 *
 * <p>Every write that must not lose a race is an S3 conditional write: the first state document and
 * the lock are written with {@code If-None-Match: *}; later state writes, lock heartbeats and releases
 * with {@code If-Match: <ETag read>}. So even a process that wrongly believes it holds the lock cannot
 * overwrite a document another writer changed since it read it. Stores whose conditional writes are not
 * atomic under concurrent requests (moto) are covered by re-reading the lock after taking it and
 * accepting only when it still carries the taker's id.
 *
 * <p>Thread-safe (the SDK client is). The backend closes the client only if it created it.
 */
public final class S3StateBackend implements StateBackend {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;

    /**
     * A backend on an existing client, which the caller keeps and closes.
     *
     * @param prefix key prefix such as {@code converge/} ("" for the bucket root)
     */
    public S3StateBackend(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, false);
    }

    private S3StateBackend(S3Client s3, String bucket, String prefix, boolean ownsClient) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 state backend needs a bucket name");
        }
        this.bucket = bucket;
        String p = prefix == null ? "" : prefix.strip();
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
        this.ownsClient = ownsClient;
    }

    /**
     * A backend with its own client, configured like the aws provider (region, credentials and
     * endpoint settings; see {@link AwsSettings}). The bucket must exist.
     */
    public static S3StateBackend connect(String bucket, String prefix, AwsSettings settings) {
        AwsClients clients = new AwsClients(settings);
        return new S3StateBackend(clients.s3(), bucket, prefix, true);
    }

    @Override
    public String describe(String stack) {
        return "s3://" + bucket + "/" + keys(stack).root();
    }

    S3Keys keys(String stack) {
        if (stack == null || stack.isBlank() || stack.contains("/")) {
            throw new IllegalArgumentException("invalid stack name '" + stack + "' for the S3 state backend");
        }
        return new S3Keys(bucket, prefix + stack + "/");
    }

    @Override
    public StateStore store(String stack) {
        return new S3StateStore(s3, keys(stack));
    }

    @Override
    public StateLock lock(String stack) {
        return new S3StateLock(s3, keys(stack));
    }

    @Override
    public StateHistory history(String stack) {
        return new S3StateHistory(s3, keys(stack));
    }

    @Override
    public StateJournal journal(String stack) {
        return new S3StateJournal(s3, keys(stack));
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    /** The bucket and object keys of one stack. */
    record S3Keys(String bucket, String root) {
        String state() {
            return root + "state.json";
        }

        String lock() {
            return root + "lock.json";
        }

        String history() {
            return root + "history/";
        }

        String journal() {
            return root + "journal/";
        }

        String where(String key) {
            return "s3://" + bucket + "/" + key;
        }
    }
}
