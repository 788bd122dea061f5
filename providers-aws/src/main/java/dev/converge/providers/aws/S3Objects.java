package dev.converge.providers.aws;

import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Small S3 object operations shared by the state backend's parts; failures name the object. */
final class S3Objects {

    /** The bytes of an object and its ETag. */
    record Versioned(byte[] bytes, String etag) {
    }

    /** Thrown when a conditional write or delete lost: the object changed or (dis)appeared meanwhile. */
    static final class PreconditionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PreconditionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private S3Objects() {
    }

    static Optional<Versioned> get(S3Client s3, String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(new Versioned(bytes.asByteArray(), bytes.response().eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", bucket, key, e);
        } catch (SdkException e) {
            throw failure("read", bucket, key, e);
        }
    }

    /**
     * Writes an object; with {@code ifMatch} only over that ETag, with {@code ifNoneMatch} only if absent.
     *
     * @return the new ETag
     * @throws PreconditionFailed if the condition did not hold
     */
    static String put(S3Client s3, String bucket, String key, byte[] bytes, String ifMatch, boolean ifNoneMatch) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("application/json");
        if (ifMatch != null) {
            request.ifMatch(ifMatch);
        } else if (ifNoneMatch) {
            request.ifNoneMatch("*");
        }
        try {
            return s3.putObject(request.build(), RequestBody.fromBytes(bytes)).eTag();
        } catch (S3Exception e) {
            if (conditionFailed(e)) {
                throw new PreconditionFailed("s3://" + bucket + "/" + key + " changed meanwhile", e);
            }
            throw failure("write", bucket, key, e);
        } catch (SdkException e) {
            throw failure("write", bucket, key, e);
        }
    }

    /** Deletes an object, only if its ETag is still {@code ifMatch} when given. */
    static void delete(S3Client s3, String bucket, String key, String ifMatch) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(ifMatch));
        } catch (S3Exception e) {
            if (conditionFailed(e)) {
                throw new PreconditionFailed("s3://" + bucket + "/" + key + " changed meanwhile", e);
            }
            if (e.statusCode() != 404) {
                throw failure("delete", bucket, key, e);
            }
        } catch (SdkException e) {
            throw failure("delete", bucket, key, e);
        }
    }

    /** 412 Precondition Failed, or 409 ConditionalRequestConflict when two conditional writes overlap. */
    static boolean conditionFailed(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    static IllegalStateException failure(String verb, String bucket, String key, SdkException e) {
        return new IllegalStateException("S3 state backend: cannot " + verb + " s3://" + bucket + "/" + key + ": "
                + AwsErrors.translate(verb, e).getMessage(), e);
    }
}
