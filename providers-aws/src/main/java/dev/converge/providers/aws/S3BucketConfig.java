package dev.converge.providers.aws;

import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The configuration calls of one bucket, in the property shapes of {@code aws:S3Bucket}.
 *
 * <p>Lifecycle rules are maps with {@code id}, {@code prefix} ("" for the whole bucket),
 * {@code enabled}, and optionally {@code expirationDays} and {@code noncurrentExpirationDays}; reads
 * return the same shape so that an unchanged rule never shows as drift.
 */
final class S3BucketConfig {

    private final S3Client s3;
    private final String bucket;

    S3BucketConfig(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The bucket's tags, or empty if the bucket does not exist. */
    Optional<Map<String, String>> tags() {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
            return Optional.of(tags);
        } catch (S3Exception e) {
            String code = code(e);
            if ("NoSuchTagSet".equals(code) || "NoSuchTagSetError".equals(code)) {
                return Optional.of(Map.of());
            }
            if ("NoSuchBucket".equals(code) || e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void putTags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            s3.deleteBucketTagging(b -> b.bucket(bucket));
        } else {
            s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(S3BucketHandler.toTags(tags))));
        }
    }

    BucketVersioningStatus versioning() {
        return s3.getBucketVersioning(b -> b.bucket(bucket)).status();
    }

    void putVersioning(boolean enabled) {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(
                enabled ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED)));
    }

    /** {@code encryption} and {@code kmsKeyId} as set on the bucket; empty if none. */
    Map<String, Object> encryption() {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            List<ServerSideEncryptionRule> rules = s3.getBucketEncryption(b -> b.bucket(bucket))
                    .serverSideEncryptionConfiguration().rules();
            if (!rules.isEmpty() && rules.get(0).applyServerSideEncryptionByDefault() != null) {
                var byDefault = rules.get(0).applyServerSideEncryptionByDefault();
                result.put("encryption", byDefault.sseAlgorithmAsString());
                Props.putIfPresent(result, "kmsKeyId", byDefault.kmsMasterKeyID());
            }
        } catch (S3Exception e) {
            if (!code(e).startsWith("ServerSideEncryptionConfigurationNotFound")) {
                throw e;
            }
        }
        return result;
    }

    void putEncryption(String algorithm, String kmsKeyId) {
        if (algorithm == null) {
            s3.deleteBucketEncryption(b -> b.bucket(bucket));
            return;
        }
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm(ServerSideEncryption.fromValue(algorithm)).kmsMasterKeyID(kmsKeyId)).build())));
    }

    /** True if all four blocks are on, false if any is off, null if none is configured. */
    Boolean publicAccessBlock() {
        try {
            var config = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
            return Boolean.TRUE.equals(config.blockPublicAcls()) && Boolean.TRUE.equals(config.ignorePublicAcls())
                    && Boolean.TRUE.equals(config.blockPublicPolicy())
                    && Boolean.TRUE.equals(config.restrictPublicBuckets());
        } catch (S3Exception e) {
            if (code(e).equals("NoSuchPublicAccessBlockConfiguration")) {
                return null;
            }
            throw e;
        }
    }

    void putPublicAccessBlock(boolean block) {
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(block)
                .ignorePublicAcls(block).blockPublicPolicy(block).restrictPublicBuckets(block)));
    }

    List<Object> lifecycle() {
        List<Object> rules = new ArrayList<>();
        try {
            for (LifecycleRule rule : s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("id", rule.id());
                map.put("prefix", prefixOf(rule));
                map.put("enabled", rule.status() == ExpirationStatus.ENABLED);
                if (rule.expiration() != null && rule.expiration().days() != null) {
                    map.put("expirationDays", rule.expiration().days().longValue());
                }
                if (rule.noncurrentVersionExpiration() != null
                        && rule.noncurrentVersionExpiration().noncurrentDays() != null) {
                    map.put("noncurrentExpirationDays", rule.noncurrentVersionExpiration().noncurrentDays().longValue());
                }
                rules.add(map);
            }
        } catch (S3Exception e) {
            if (!code(e).equals("NoSuchLifecycleConfiguration")) {
                throw e;
            }
        }
        return rules;
    }

    /** The rule's prefix; rules written by other tools may use the deprecated top-level prefix. */
    @SuppressWarnings("deprecation")
    private static String prefixOf(LifecycleRule rule) {
        if (rule.filter() != null && rule.filter().prefix() != null) {
            return rule.filter().prefix();
        }
        return rule.prefix() == null ? "" : rule.prefix();
    }

    @SuppressWarnings("unchecked")
    void putLifecycle(List<Object> rules) {
        if (rules.isEmpty()) {
            s3.deleteBucketLifecycle(b -> b.bucket(bucket));
            return;
        }
        List<LifecycleRule> converted = new ArrayList<>();
        for (Object item : rules) {
            Map<String, Object> rule = (Map<String, Object>) item;
            LifecycleRule.Builder builder = LifecycleRule.builder()
                    .id(Values.string(rule, "id"))
                    .filter(f -> f.prefix(rule.get("prefix") == null ? "" : Values.string(rule, "prefix")))
                    .status(Values.bool(rule, "enabled", true) ? ExpirationStatus.ENABLED : ExpirationStatus.DISABLED);
            long days = Values.number(rule, "expirationDays", 0);
            if (days > 0) {
                builder.expiration(x -> x.days((int) days));
            }
            long noncurrent = Values.number(rule, "noncurrentExpirationDays", 0);
            if (noncurrent > 0) {
                builder.noncurrentVersionExpiration(x -> x.noncurrentDays((int) noncurrent));
            }
            converted.add(builder.build());
        }
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(converted).build()));
    }

    /** Deletes every object version and delete marker, page by page, for forceDestroy. */
    void emptyAllVersions() {
        String keyMarker = null;
        String versionMarker = null;
        do {
            final String km = keyMarker;
            final String vm = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).keyMarker(km)
                    .versionIdMarker(vm));
            List<ObjectIdentifier> ids = new ArrayList<>();
            page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId())
                    .build()));
            if (!ids.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
            }
            keyMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextKeyMarker() : null;
            versionMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextVersionIdMarker() : null;
        } while (keyMarker != null);
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }
}
