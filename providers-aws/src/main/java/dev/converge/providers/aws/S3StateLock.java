package dev.converge.providers.aws;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateLock;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stack lock as one S3 object, taken with {@code If-None-Match: *}, and renewed, released or taken
 * over (from a dead holder) with {@code If-Match: <ETag>}.
 *
 * <p>After a successful conditional create the lock is read back and accepted only if it still carries
 * the taker's id: on stores whose conditional writes are not atomic (moto), two overlapping creates can
 * both succeed, and the later one overwrites the earlier; the read-back makes the earlier taker see that
 * it lost. On S3 itself the read-back always confirms.
 */
final class S3StateLock implements StateLock {

    private static final int ATTEMPTS = 5;

    private final S3Client s3;
    private final S3StateBackend.S3Keys keys;

    S3StateLock(S3Client s3, S3StateBackend.S3Keys keys) {
        this.s3 = s3;
        this.keys = keys;
    }

    @Override
    public Optional<LockInfo> tryAcquire(LockInfo request) {
        byte[] body = LockJson.write(request);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                S3Objects.put(s3, keys.bucket(), keys.lock(), body, null, true);
                Optional<S3Objects.Versioned> after = current();
                if (after.isPresent() && holderOf(after.get()).id().equals(request.id())) {
                    return Optional.empty();
                }
                if (after.isPresent()) {
                    return Optional.of(holderOf(after.get()));
                }
                // Our lock vanished at once: someone force-released it; try again.
            } catch (S3Objects.PreconditionFailed taken) {
                Optional<S3Objects.Versioned> holder = current();
                if (holder.isPresent()) {
                    return Optional.of(holderOf(holder.get()));
                }
                // Released between our write and our read: the lock is free again; try again.
            }
        }
        throw new IllegalStateException("could not take the lock " + keys.where(keys.lock()) + " after " + ATTEMPTS
                + " attempts: it is being taken and released concurrently");
    }

    /**
     * Swaps the lock with {@code If-Match} on the ETag of the version judged dead, then reads it back
     * as {@link #tryAcquire} does, so two runs taking over one dead lock never both win.
     */
    @Override
    public Optional<LockInfo> takeOver(LockInfo expected, LockInfo request) {
        Optional<S3Objects.Versioned> current = current();
        if (current.isEmpty()) {
            return tryAcquire(request);
        }
        LockInfo stored = holderOf(current.get());
        if (!stored.sameVersion(expected)) {
            return Optional.of(stored);
        }
        try {
            S3Objects.put(s3, keys.bucket(), keys.lock(), LockJson.write(request), current.get().etag(), false);
        } catch (S3Objects.PreconditionFailed changed) {
            Optional<LockInfo> now = holder();
            return now.isPresent() ? now : tryAcquire(request);
        }
        Optional<LockInfo> after = holder();
        if (after.isPresent() && after.get().id().equals(request.id())) {
            return Optional.empty();
        }
        return after.isPresent() ? after : tryAcquire(request);
    }

    @Override
    public void heartbeat(LockInfo holder) {
        S3Objects.Versioned current = current().orElseThrow(() -> lost(holder.id(), "it was released"));
        LockInfo stored = holderOf(current);
        if (!stored.id().equals(holder.id())) {
            throw lost(holder.id(), "it is now " + stored.describe());
        }
        try {
            S3Objects.put(s3, keys.bucket(), keys.lock(), LockJson.write(holder), current.etag(), false);
        } catch (S3Objects.PreconditionFailed e) {
            throw lost(holder.id(), "it changed while renewing");
        }
    }

    private StateConflictException lost(String id, String why) {
        return new StateConflictException("lock " + id + " on " + keys.where(keys.lock()) + " is no longer held: "
                + why);
    }

    @Override
    public void release(String lockId) {
        forceRelease(lockId);
    }

    @Override
    public Optional<LockInfo> holder() {
        return current().map(this::holderOf);
    }

    @Override
    public boolean forceRelease(String lockId) {
        Optional<S3Objects.Versioned> current = current();
        if (current.isEmpty() || !holderOf(current.get()).id().equals(lockId)) {
            return false;
        }
        try {
            S3Objects.delete(s3, keys.bucket(), keys.lock(), current.get().etag());
            return true;
        } catch (S3Objects.PreconditionFailed e) {
            return false;
        }
    }

    private Optional<S3Objects.Versioned> current() {
        return S3Objects.get(s3, keys.bucket(), keys.lock());
    }

    private LockInfo holderOf(S3Objects.Versioned object) {
        return LockJson.read(object.bytes(), keys.where(keys.lock()));
    }
}
