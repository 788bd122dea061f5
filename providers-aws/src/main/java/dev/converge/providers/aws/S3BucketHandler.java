package dev.converge.providers.aws;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * {@code aws:S3Bucket}: a bucket with versioning, tags, default encryption, public access block and
 * lifecycle rules (see {@link S3BucketConfig}). The id is the bucket name.
 */
final class S3BucketHandler extends Handler {

    S3BucketHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.S3_BUCKET));
    }

    private S3Client s3() {
        return aws.s3();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String bucket = Values.string(inputs, "bucket");
        // In us-east-1 CreateBucket succeeds for a bucket the account already owns: check first, so that
        // an existing bucket is never adopted (and tagged) silently; only a retried create carries on with the
        // bucket its earlier attempt made.
        if (!exists(bucket) || !madeEarlier(request, bucket, null)) {
            createBucket(request, bucket);
        }
        AwsErrors.run(what("wait for", bucket), () -> s3().waiter().waitUntilBucketExists(b -> b.bucket(bucket),
                Waits.upTo(request.timeout())));
        // Ownership tags first, so that a failure in a later step still leaves a findable bucket.
        S3BucketConfig config = new S3BucketConfig(s3(), bucket);
        AwsErrors.run(what("tag", bucket), () -> config.putTags(Props.tagsWithOwner(inputs, request.owner())));
        AwsErrors.run(what("configure", bucket), () -> {
            if (Values.bool(inputs, "versioning", false)) {
                config.putVersioning(true);
            }
            if (inputs.get("encryption") != null) {
                config.putEncryption(Values.string(inputs, "encryption"), Values.string(inputs, "kmsKeyId"));
            }
            if (inputs.get("blockPublicAccess") != null) {
                config.putPublicAccessBlock(Values.bool(inputs, "blockPublicAccess", false));
            }
            if (!Values.listOf(inputs, "lifecycleRules").isEmpty()) {
                config.putLifecycle(Values.listOf(inputs, "lifecycleRules"));
            }
        });
        return new CreateResponse(bucket, outputs(inputs, Map.of("arn", arn(bucket))));
    }

    private void createBucket(CreateRequest request, String bucket) {
        try {
            s3().createBucket(b -> {
                b.bucket(bucket);
                Region region = aws.region();
                if (!Region.US_EAST_1.equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                }
            });
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            boolean taken = "BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code);
            if (!taken) {
                throw AwsErrors.translate(what("create", bucket), e);
            }
            madeEarlier(request, bucket, code);
        }
    }

    /**
     * Whether the existing bucket is the one an earlier attempt of this create made (retried, and untagged or
     * tagged for this resource); throws the "already exists" failure when it is not.
     */
    private boolean madeEarlier(CreateRequest request, String bucket, String code) {
        if (request.retried()) {
            Map<String, String> tags = AwsErrors.call(what("check", bucket),
                    () -> new S3BucketConfig(s3(), bucket).tags().orElse(Map.of()));
            if (Adoption.madeByThisCreate(request, tags, true)) {
                return true;
            }
        }
        throw ProviderException.fatal("bucket '" + bucket + "' already exists" + (code == null ? "" : " (" + code
                + ")") + ": choose another name, or adopt it with `import " + request.address() + " " + bucket + "`");
    }

    /** A retried create carries on with the bucket its earlier attempt made (its tags come after CreateBucket). */
    @Override
    public boolean idempotentCreate() {
        return true;
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String bucket = request.id();
        Map<String, Object> desired = request.desiredInputs();
        S3BucketConfig config = new S3BucketConfig(s3(), bucket);
        Set<String> changed = request.diffs().stream().map(d -> d.property()).collect(Collectors.toSet());
        AwsErrors.run(what("update", bucket), () -> {
            if (changed.contains("tags")) {
                Map<String, String> live = config.tags().orElse(Map.of());
                Map<String, String> next = new LinkedHashMap<>();
                live.forEach((k, v) -> {
                    if (k.startsWith(Props.OWNERSHIP_PREFIX)) {
                        next.put(k, v);
                    }
                });
                next.putAll(Props.userTags(desired));
                config.putTags(next);
            }
            if (changed.contains("versioning")) {
                config.putVersioning(Values.bool(desired, "versioning", false));
            }
            if (changed.contains("encryption") || changed.contains("kmsKeyId")) {
                config.putEncryption(Values.string(desired, "encryption"), Values.string(desired, "kmsKeyId"));
            }
            if (changed.contains("blockPublicAccess")) {
                config.putPublicAccessBlock(Values.bool(desired, "blockPublicAccess", false));
            }
            if (changed.contains("lifecycleRules")) {
                config.putLifecycle(Values.listOf(desired, "lifecycleRules"));
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("arn", arn(bucket))));
    }

    @Override
    Optional<Map<String, Object>> observe(String bucket, Map<String, Object> prior) {
        S3BucketConfig config = new S3BucketConfig(s3(), bucket);
        return AwsErrors.call(what("read", bucket), () -> {
            Optional<Map<String, String>> tags = config.tags();
            if (tags.isEmpty()) {
                return Optional.<Map<String, Object>>empty();
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("bucket", bucket);
            all.put("versioning", config.versioning() == BucketVersioningStatus.ENABLED);
            all.put("tags", Props.visibleTags(tags.get()));
            boolean everything = prior.isEmpty();
            if (everything || prior.containsKey("encryption")) {
                config.encryption().forEach(all::put);
            }
            if (everything || prior.containsKey("blockPublicAccess")) {
                Props.putIfPresent(all, "blockPublicAccess", config.publicAccessBlock());
            }
            if (prior.containsKey("lifecycleRules")) {
                all.put("lifecycleRules", config.lifecycle());
            } else if (everything) {
                // On import, no rules is what a program that declares none says: not an empty list to remove.
                List<Object> rules = config.lifecycle();
                if (!rules.isEmpty()) {
                    all.put("lifecycleRules", rules);
                }
            }
            all.put("forceDestroy", Values.bool(prior, "forceDestroy", false));
            all.put("arn", arn(bucket));
            return Optional.of(all);
        });
    }

    private boolean exists(String bucket) {
        try {
            s3().headBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            if (e.statusCode() == 403) {
                return true;
            }
            throw AwsErrors.translate(what("check", bucket), e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsErrors.translate(what("check", bucket), e);
        }
    }

    /** One ListBuckets call tells which buckets are gone; only the others are read one by one. */
    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        Set<String> existing = AwsErrors.call("list S3 buckets",
                () -> s3().listBucketsPaginator().buckets().stream().map(Bucket::name).collect(Collectors.toSet()));
        Map<Address, ReadResponse> found = readAll(request.resources().stream()
                .filter(one -> existing.contains(one.id())).collect(Collectors.toList()));
        Map<Address, ReadResponse> results = new LinkedHashMap<>();
        for (ReadRequest one : request.resources()) {
            results.put(one.address(), found.getOrDefault(one.address(), ReadResponse.gone()));
        }
        return new ReadManyResponse(results);
    }

    @Override
    boolean remove(String bucket, Map<String, Object> outputs) {
        try {
            if (Values.bool(outputs, "forceDestroy", false)) {
                new S3BucketConfig(s3(), bucket).emptyAllVersions();
            }
            s3().deleteBucket(b -> b.bucket(bucket));
            return true;
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            if (e.awsErrorDetails() != null && "BucketNotEmpty".equals(e.awsErrorDetails().errorCode())) {
                throw ProviderException.fatal("cannot delete bucket '" + bucket + "': it is not empty. Empty it,"
                        + " or set forceDestroy(true) on the bucket and apply before destroying", e);
            }
            throw AwsErrors.translate(what("delete", bucket), e);
        }
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list S3 buckets",
                () -> s3().listBucketsPaginator().buckets().stream().map(Bucket::name).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String bucket) {
        return AwsErrors.call(what("read tags of", bucket), () -> new S3BucketConfig(s3(), bucket).tags()
                .orElse(Map.of()));
    }

    static String arn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }
}
