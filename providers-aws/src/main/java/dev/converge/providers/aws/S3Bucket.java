package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 bucket ({@code aws:S3Bucket}). The bucket name defaults to the resource name and, like every
 * other property marked forceNew in {@link AwsSchemas}, replaces the bucket when it changes.
 *
 * <pre>{@code stack.add(S3Bucket.of("acme-logs").versioning(true).tag("team", "ops"))}</pre>
 */
public final class S3Bucket extends ResourceArgs<S3Bucket, S3Bucket.Outputs> {

    /** The bucket as created: its name ({@code id}), ARN, versioning and tags. */
    public record Outputs(String id, String bucket, String arn, boolean versioning, Map<String, String> tags) {
    }

    private S3Bucket(Declaration declaration) {
        super(declaration);
    }

    /** A bucket whose resource name is also its bucket name. */
    public static S3Bucket of(String name) {
        return new S3Bucket(Declaration.of(AwsSchemas.S3_BUCKET, name)).bucket(name);
    }

    /** The globally unique bucket name, when it differs from the resource name. */
    public S3Bucket bucket(Object name) {
        return with("bucket", name);
    }

    public S3Bucket versioning(boolean enabled) {
        return with("versioning", enabled);
    }

    public S3Bucket tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    /** Default encryption: {@code AES256}, or {@code aws:kms} with an optional key id. */
    public S3Bucket encryption(String algorithm, String kmsKeyId) {
        return with("encryption", algorithm).with("kmsKeyId", kmsKeyId);
    }

    /** Turns all four public access blocks on (true) or off (false). */
    public S3Bucket blockPublicAccess(boolean block) {
        return with("blockPublicAccess", block);
    }

    /**
     * Adds a lifecycle rule expiring objects under {@code prefix} ("" for all) after
     * {@code expirationDays} and, in versioned buckets, noncurrent versions after
     * {@code noncurrentDays} (0 for none).
     */
    public S3Bucket lifecycleRule(String id, String prefix, long expirationDays, long noncurrentDays) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        rule.put("prefix", prefix == null ? "" : prefix);
        rule.put("enabled", true);
        if (expirationDays > 0) {
            rule.put("expirationDays", expirationDays);
        }
        if (noncurrentDays > 0) {
            rule.put("noncurrentExpirationDays", noncurrentDays);
        }
        return withElement("lifecycleRules", rule);
    }

    /** Empty the bucket of every object version when it is deleted or replaced. */
    public S3Bucket forceDestroy(boolean force) {
        return with("forceDestroy", force);
    }

    @Override
    protected S3Bucket wrap(Declaration next) {
        return new S3Bucket(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "bucket"), Out.str(values, "arn"),
                Out.bool(values, "versioning"), Out.tags(values));
    }
}
