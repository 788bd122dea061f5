package dev.converge.providers.aws;

import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateStore;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** The state document, written with {@code If-Match} on the ETag read or {@code If-None-Match: *}. */
final class S3StateStore implements StateStore {

    private final S3Client s3;
    private final S3StateBackend.S3Keys keys;

    S3StateStore(S3Client s3, S3StateBackend.S3Keys keys) {
        this.s3 = s3;
        this.keys = keys;
    }

    @Override
    public Optional<StoredState> read() {
        return S3Objects.get(s3, keys.bucket(), keys.state()).map(v -> new StoredState(v.bytes(), v.etag()));
    }

    @Override
    public String write(byte[] document, String expectedVersion) {
        try {
            return S3Objects.put(s3, keys.bucket(), keys.state(), document, expectedVersion, expectedVersion == null);
        } catch (S3Objects.PreconditionFailed e) {
            throw new StateConflictException("the state at " + keys.where(keys.state()) + (expectedVersion == null
                    ? " already exists" : " changed since version " + expectedVersion + " was read")
                    + "; nothing was written. Refresh and run again");
        }
    }
}
