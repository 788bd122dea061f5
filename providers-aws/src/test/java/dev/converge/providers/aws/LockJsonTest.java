package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.state.LockInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockJsonTest {

    @Test
    void roundTripsEveryField() {
        LockInfo lock = new LockInfo("id-1", "ana \"q\"", "host", 42, "apply", Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:05:05.123Z"));
        assertThat(LockJson.read(LockJson.write(lock), "s3://b/k")).isEqualTo(lock);
    }

    @Test
    void roundTripsTheTakeoverFields() {
        LockInfo lock = new LockInfo("id-2", "ana", "host", 42, "apply", Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:05:05Z"), "boot-1 pid:[4026531836]", Instant.parse("2026-01-02T03:00:00.5Z"),
                7);
        assertThat(LockJson.read(LockJson.write(lock), "s3://b/k")).isEqualTo(lock);
    }

    @Test
    void aLockWrittenBeforeTheTakeoverFieldsReadsAsGenerationOneWithUnknownIdentity() {
        String old = "{\"id\":\"i\",\"user\":\"u\",\"host\":\"h\",\"pid\":3,\"operation\":\"apply\","
                + "\"acquiredAt\":\"2026-01-02T03:04:05Z\",\"heartbeatAt\":\"2026-01-02T03:04:05Z\"}";
        LockInfo read = LockJson.read(old.getBytes(StandardCharsets.UTF_8), "s3://b/k");
        assertThat(read.generation()).isEqualTo(1);
        assertThat(read.bootId()).isNull();
        assertThat(read.processStart()).isNull();
    }

    @Test
    void foreignContentIsReportedWithItsLocation() {
        assertThatThrownBy(() -> LockJson.read("hello".getBytes(StandardCharsets.UTF_8), "s3://b/lock.json"))
                .hasMessageContaining("s3://b/lock.json").hasMessageContaining("not a Converge lock");
    }
}
