package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateConflictException;
import dev.converge.testing.RequiredServer;
import dev.converge.testing.StateBackendContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The shared state-store contract against moto's S3, with two independent S3 clients. */
class S3StateBackendIT extends StateBackendContract {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String BUCKET = "converge-state-it";

    @BeforeAll
    static void createBucket() {
        Moto.reset();
        try (AwsClients clients = Moto.clients()) {
            clients.s3().createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Override
    protected StateBackend newClient() {
        return S3StateBackend.connect(BUCKET, "stacks/", Moto.settings());
    }

    @Test
    void layoutIsOneObjectPerPartUnderThePrefix() {
        try (S3StateBackend backend = (S3StateBackend) newClient(); AwsClients clients = Moto.clients()) {
            String version = backend.store("layout").write("{}".getBytes(StandardCharsets.UTF_8), null);
            backend.history("layout").archive(3, "{\"serial\":3}".getBytes(StandardCharsets.UTF_8));
            backend.journal("layout").append("r".getBytes(StandardCharsets.UTF_8));
            Instant now = Instant.now();
            backend.lock("layout").tryAcquire(new LockInfo("L1", "me", "host", 1, "apply", now, now));
            S3Client s3 = clients.s3();
            List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("stacks/layout/")).contents().stream()
                    .map(o -> o.key()).toList();
            assertThat(keys).contains("stacks/layout/state.json", "stacks/layout/lock.json",
                    "stacks/layout/history/00000000000000000003.json");
            assertThat(keys).anyMatch(k -> k.startsWith("stacks/layout/journal/"));
            assertThat(version).isNotBlank();
            assertThat(backend.describe("layout")).isEqualTo("s3://" + BUCKET + "/stacks/layout/");
        }
    }

    @Test
    void heartbeatOfALostLockFails() {
        try (StateBackend first = newClient(); StateBackend second = newClient()) {
            Instant now = Instant.now();
            LockInfo mine = new LockInfo("mine", "me", "host", 1, "apply", now, now);
            assertThat(first.lock("lost").tryAcquire(mine)).isEmpty();
            assertThat(second.lock("lost").forceRelease("mine")).isTrue();
            LockInfo theirs = new LockInfo("theirs", "you", "host", 2, "apply", now, now);
            assertThat(second.lock("lost").tryAcquire(theirs)).isEmpty();
            assertThatThrownBy(() -> first.lock("lost").heartbeat(mine.withHeartbeat(now.plusSeconds(5))))
                    .isInstanceOf(StateConflictException.class).hasMessageContaining("no longer held");
            assertThat(second.lock("lost").holder()).map(LockInfo::id).contains("theirs");
        }
    }

    @Test
    void missingBucketFailsWithAClearMessage() {
        try (StateBackend backend = S3StateBackend.connect("no-such-bucket-xyz", "", Moto.settings())) {
            assertThatThrownBy(() -> backend.store("dev").write(new byte[] {1}, null))
                    .hasMessageContaining("s3://no-such-bucket-xyz/dev/state.json");
        }
    }

    @Test
    void wrongEndpointFailsWithAClearMessage() {
        AwsSettings wrong = AwsSettings.from(Map.of("aws.region", "us-east-1", "aws.accessKeyId", "k",
                "aws.secretAccessKey", "s", "aws.endpoint", "http://127.0.0.1:9"), Map.of());
        try (StateBackend backend = S3StateBackend.connect(BUCKET, "", wrong)) {
            assertThatThrownBy(() -> backend.store("dev").read())
                    .hasMessageContaining("cannot reach the AWS endpoint").hasMessageContaining("aws.endpoint");
        }
    }
}
