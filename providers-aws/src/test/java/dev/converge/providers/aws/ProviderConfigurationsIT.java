package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.ProviderRef;
import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.ReplacementReason;
import dev.converge.testing.RequiredServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Two regions in one stack on moto: the default configuration in us-east-1 (the stack's {@code aws.region}) and
 * a named one in eu-west-1 ({@code AwsConfig.named("eu")}), checked with region-specific clients: each queue and
 * bucket is in its configuration's region, a second run changes nothing, and moving a queue to the other
 * region replaces it there; a VPC lookup searches its configuration's region. moto is reset before each test.
 */
class ProviderConfigurationsIT {

    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final Region EU = Region.EU_WEST_1;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMotoAndStackConfiguration() throws Exception {
        Moto.reset();
        Files.writeString(dir.resolve("converge.dev.properties"), String.join("\n", "aws.region=us-east-1",
                "aws.accessKeyId=testing", "aws.secretAccessKey=testing", "aws.endpoint=" + Moto.endpoint()) + "\n");
    }

    /** A queue and a bucket in each region; {@code movedRegion} says where the queue {@code mover} goes. */
    private static Program twoRegions(String movedRegion) {
        return stack -> {
            ProviderRef eu = stack.provider(AwsConfig.named("eu").region(EU.id()));
            stack.add(SqsQueue.of("home").queueName("cfg-home"));
            stack.add(S3Bucket.of("home-bucket").bucket("cfg-home-bucket"));
            var europe = stack.component("europe", eu);
            europe.add(SqsQueue.of("orders").queueName("cfg-orders"));
            europe.add(S3Bucket.of("archive").bucket("cfg-eu-archive"));
            stack.add(SqsQueue.of("mover").queueName("cfg-mover")
                    .provider(movedRegion.equals("eu") ? eu : ProviderRef.defaultOf("aws")));
        };
    }

    private ApplyResult apply(Program program) {
        try (StackEngine engine = engine(program)) {
            return engine.apply(ApplyRequest.normal());
        }
    }

    private StackEngine engine(Program program) {
        return Converge.engine(program).workDir(dir).providers(new AwsProvider()).serviceLoader(false)
                .environment(Map.of()).releaseLog(false).build();
    }

    private static SqsClient sqs(Region region) {
        return SqsClient.builder().region(region).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static S3Client s3(Region region) {
        return S3Client.builder().region(region).endpointOverride(URI.create(Moto.endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static List<String> queues(Region region) {
        try (SqsClient sqs = sqs(region)) {
            return sqs.listQueues().queueUrls().stream().map(url -> url.substring(url.lastIndexOf('/') + 1)).sorted()
                    .toList();
        }
    }

    private static String bucketRegion(String bucket) {
        try (S3Client s3 = s3(Region.US_EAST_1)) {
            String location = s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString();
            return location == null || location.isEmpty() ? "us-east-1" : location;
        }
    }

    @Test
    void eachObjectIsMadeInItsConfigurationsRegionAndASecondRunChangesNothing() {
        ApplyResult result = apply(twoRegions("eu"));

        assertThat(result.succeeded()).as("%s", result.failures()).isTrue();
        assertThat(queues(Region.US_EAST_1)).containsExactly("cfg-home");
        assertThat(queues(EU)).containsExactly("cfg-mover", "cfg-orders");
        assertThat(bucketRegion("cfg-home-bucket")).isEqualTo("us-east-1");
        assertThat(bucketRegion("cfg-eu-archive")).isEqualTo("eu-west-1");
        assertThat(result.state().resource(Address.of("europe", "orders")).configuration()).isEqualTo("eu");
        assertThat(result.state().resource(Address.of("home")).configuration()).isEmpty();
        try (StackEngine engine = engine(twoRegions("eu"))) {
            Plan again = engine.plan(PlanRequest.normal());
            assertThat(again.hasChanges()).as("refresh reads each object in its region: %s", again.changes()).isFalse();
        }
    }

    @Test
    void movingAQueueToTheOtherRegionReplacesItThere() {
        assertThat(apply(twoRegions("eu")).succeeded()).isTrue();

        try (StackEngine engine = engine(twoRegions("us"))) {
            Plan plan = engine.plan(PlanRequest.normal());
            assertThat(plan.changes()).filteredOn(change -> change.kind() == Change.Kind.REPLACE)
                    .extracting(Change::address, change -> ((Change.Replace) change).cause())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Address.of("mover"),
                            ReplacementReason.PROVIDER_CONFIGURATION_CHANGED));
        }
        ApplyResult moved = apply(twoRegions("us"));

        assertThat(moved.succeeded()).as("%s", moved.failures()).isTrue();
        assertThat(moved.added()).isEqualTo(1);
        assertThat(moved.destroyed()).isEqualTo(1);
        assertThat(queues(Region.US_EAST_1)).containsExactly("cfg-home", "cfg-mover");
        assertThat(queues(EU)).containsExactly("cfg-orders");
        assertThat(moved.state().resource(Address.of("mover")).configuration()).isEmpty();
        try (StackEngine engine = engine(twoRegions("us"))) {
            assertThat(engine.plan(PlanRequest.normal()).hasChanges()).isFalse();
        }
    }

    @Test
    void destroyDeletesEachObjectThroughItsRegion() {
        assertThat(apply(twoRegions("eu")).succeeded()).isTrue();

        ApplyResult destroyed;
        try (StackEngine engine = engine(twoRegions("eu"))) {
            destroyed = engine.destroy(ApplyRequest.normal());
        }

        assertThat(destroyed.succeeded()).as("%s", destroyed.failures()).isTrue();
        assertThat(queues(Region.US_EAST_1)).isEmpty();
        assertThat(queues(EU)).isEmpty();
        try (S3Client s3 = s3(Region.US_EAST_1)) {
            assertThat(s3.listBuckets().buckets()).isEmpty();
        }
    }

    @Test
    void aLookupInAComponentSearchesTheRegionOfItsConfiguration() {
        String vpcId;
        try (Ec2Client ec2 = Ec2Client.builder().region(EU).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            vpcId = ec2.createVpc(b -> b.cidrBlock("10.61.0.0/16").tagSpecifications(Ec2Tags.at(ResourceType.VPC,
                    Map.of("Name", "cfg-eu-net")))).vpc().vpcId();
        }
        Program inEurope = stack -> stack.component("europe", stack.provider(AwsConfig.named("eu").region(EU.id())))
                .lookup(Vpc.lookup("net").tag("Name", "cfg-eu-net"));

        try (StackEngine engine = engine(inEurope)) {
            assertThat(engine.plan(PlanRequest.normal()).changes()).filteredOn(c -> c.kind() == Change.Kind.READ)
                    .extracting(c -> ((Change.Read) c).id()).containsExactly(vpcId);
        }
        try (StackEngine engine = engine(stack -> stack.lookup(Vpc.lookup("net").tag("Name", "cfg-eu-net")))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.plan(PlanRequest.normal()))
                    .as("the default configuration's region (us-east-1) has no such VPC")
                    .hasMessageContaining("found no object");
        }
    }
}
