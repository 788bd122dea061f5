package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateResponse;
import dev.converge.testing.RequiredServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

/** aws:S3Bucket against moto: create, read, update, replace, delete, drift, import, find by tags. */
class S3BucketIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String T = AwsSchemas.S3_BUCKET;
    private static AwsProvider provider;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        Moto.reset();
        provider = Moto.provider();
        aws = Moto.clients();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider, aws);
    }

    private static Map<String, Object> bucket(String name) {
        return Map.of("bucket", name, "versioning", true, "tags", Map.of("team", "ops"),
                "encryption", "AES256", "blockPublicAccess", true,
                "lifecycleRules", List.of(Map.of("id", "expire", "prefix", "tmp/", "enabled", true,
                        "expirationDays", 7L)));
    }

    @Test
    void createReadUpdateDelete() {
        CreateResponse created = provider.create(Moto.create(T, "b1", bucket("it-b1")));
        assertThat(created.id()).isEqualTo("it-b1");
        assertThat(created.outputs()).containsEntry("arn", "arn:aws:s3:::it-b1").containsEntry("versioning", true);
        Map<String, Object> prior = Moto.create(T, "b1", bucket("it-b1")).inputs();

        ReadResponse read = provider.read(Moto.read(T, "b1", "it-b1", prior, created.outputs()));
        assertThat(read.exists()).isTrue();
        assertThat(Moto.diff(provider, T, read.inputs(), bucket("it-b1")).hasChanges()).isFalse();
        assertThat(aws.s3().getBucketTagging(b -> b.bucket("it-b1")).tagSet()).extracting(Tag::key)
                .contains(Ownership.STACK_LABEL, Ownership.ADDRESS_LABEL, "team");

        Map<String, Object> desired = Map.of("bucket", "it-b1", "versioning", false,
                "tags", Map.of("team", "dev", "cost", "7"));
        var update = Moto.update(provider, T, "b1", "it-b1", read.inputs(), created.outputs(), desired);
        assertThat(update.diffs()).noneMatch(d -> d.forcesReplacement());
        UpdateResponse updated = provider.update(update);
        assertThat(updated.outputs()).containsEntry("versioning", false);
        assertThat(aws.s3().getBucketVersioning(b -> b.bucket("it-b1")).status())
                .isEqualTo(BucketVersioningStatus.SUSPENDED);
        ReadResponse after = provider.read(Moto.read(T, "b1", "it-b1", update.desiredInputs(), updated.outputs()));
        assertThat(after.inputs().get("tags")).isEqualTo(Map.of("cost", "7", "team", "dev"));
        assertThat(aws.s3().getBucketTagging(b -> b.bucket("it-b1")).tagSet()).extracting(Tag::key)
                .contains(Ownership.STACK_LABEL);

        assertThat(provider.delete(Moto.delete(T, "b1", "it-b1", updated.outputs())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(T, "b1", "it-b1", prior, Map.of())).exists()).isFalse();
        assertThat(provider.delete(Moto.delete(T, "b1", "it-b1", updated.outputs())).alreadyGone()).isTrue();
    }

    @Test
    void renameReplacesDeleteBeforeCreate() {
        DiffResponse diff = Moto.diff(provider, T, Moto.create(T, "b", bucket("old")).inputs(), bucket("new"));
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThat(Moto.diff(provider, T, Moto.create(T, "b", bucket("old")).inputs(),
                Map.of("bucket", "old", "versioning", false)).requiresReplacement()).isFalse();
    }

    @Test
    void readDetectsChangedTagsAndDeletedBucket() {
        Map<String, Object> inputs = Map.of("bucket", "it-drift", "tags", Map.of("team", "ops"));
        CreateResponse created = provider.create(Moto.create(T, "drift", inputs));
        Map<String, Object> prior = Moto.create(T, "drift", inputs).inputs();
        aws.s3().putBucketTagging(b -> b.bucket("it-drift").tagging(t -> t.tagSet(
                Tag.builder().key("team").value("hacked").build())));
        ReadResponse drifted = provider.read(Moto.read(T, "drift", "it-drift", prior, created.outputs()));
        assertThat(drifted.inputs().get("tags")).isEqualTo(Map.of("team", "hacked"));
        assertThat(Moto.diff(provider, T, drifted.inputs(), inputs).diffs()).extracting(d -> d.path())
                .containsExactly("tags.team");

        aws.s3().deleteBucket(b -> b.bucket("it-drift"));
        assertThat(provider.read(Moto.read(T, "drift", "it-drift", prior, created.outputs())).exists()).isFalse();
    }

    @Test
    void readManyUsesOneListingForGoneBuckets() {
        provider.create(Moto.create(T, "m1", Map.of("bucket", "it-many-1")));
        var request = new dev.converge.spi.ReadManyRequest(T, List.of(
                Moto.read(T, "m1", "it-many-1", Map.of("bucket", "it-many-1"), Map.of()),
                Moto.read(T, "m2", "it-many-gone", Map.of("bucket", "it-many-gone"), Map.of())));
        var results = provider.readMany(request).results();
        assertThat(results.get(Moto.address("m1")).exists()).isTrue();
        assertThat(results.get(Moto.address("m2")).exists()).isFalse();
    }

    @Test
    void importAdoptsAnExistingBucketByName() {
        aws.s3().createBucket(b -> b.bucket("it-legacy"));
        aws.s3().putBucketVersioning(b -> b.bucket("it-legacy").versioningConfiguration(v -> v.status("Enabled")));
        var imported = provider.importResource(new ImportRequest(Moto.address("legacy"), T, "it-legacy",
                new Ownership(Moto.STACK, Moto.address("legacy"))));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.id()).isEqualTo("it-legacy");
        assertThat(imported.inputs()).containsEntry("bucket", "it-legacy").containsEntry("versioning", true);
        assertThat(provider.importResource(new ImportRequest(Moto.address("x"), T, "it-nothing",
                new Ownership(Moto.STACK, Moto.address("x")))).exists()).isFalse();
    }

    @Test
    void findOwnedListsTheStacksBuckets() {
        provider.create(Moto.create(T, "owned", Map.of("bucket", "it-owned")));
        aws.s3().createBucket(b -> b.bucket("it-foreign"));
        var found = provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(T)));
        assertThat(found.supported()).isTrue();
        assertThat(found.objects()).anyMatch(o -> o.id().equals("it-owned") && o.address().equals(Moto.address("owned")));
        assertThat(found.objects()).noneMatch(o -> o.id().equals("it-foreign"));
    }

    @Test
    void nonEmptyBucketNeedsForceDestroy() {
        CreateResponse kept = provider.create(Moto.create(T, "full", Map.of("bucket", "it-full")));
        aws.s3().putObject(b -> b.bucket("it-full").key("a.txt"), RequestBody.fromString("a"));
        assertThatThrownBy(() -> provider.delete(Moto.delete(T, "full", "it-full", kept.outputs())))
                .isInstanceOf(ProviderException.class).hasMessageContaining("forceDestroy");
        CreateResponse forced = provider.create(Moto.create(T, "forced",
                Map.of("bucket", "it-forced", "versioning", true, "forceDestroy", true)));
        aws.s3().putObject(b -> b.bucket("it-forced").key("a.txt"), RequestBody.fromString("1"));
        aws.s3().putObject(b -> b.bucket("it-forced").key("a.txt"), RequestBody.fromString("2"));
        assertThat(provider.delete(Moto.delete(T, "forced", "it-forced", forced.outputs())).alreadyGone()).isFalse();
        assertThat(aws.s3().listBuckets().buckets()).noneMatch(b -> b.name().equals("it-forced"));
    }

    @Test
    void creatingAnExistingBucketSaysHowToImportIt() {
        aws.s3().createBucket(b -> b.bucket("it-taken"));
        assertThatThrownBy(() -> provider.create(Moto.create(T, "taken", Map.of("bucket", "it-taken"))))
                .isInstanceOf(ProviderException.class).hasMessageContaining("import");
    }
}
