package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.ProviderException;
import dev.converge.testing.RequiredServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wrong endpoints and missing credentials fail with messages that name the setting to fix. The module's
 * failsafe configuration clears the AWS credential variables and disables the instance metadata lookup,
 * so the default credential chain finds nothing here.
 */
class ErrorsIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    @BeforeAll
    static void start() {
        Moto.reset();
    }

    @Test
    void wrongEndpointNamesTheSetting() {
        try (AwsProvider provider = new AwsProvider()) {
            provider.configure(new ConfigureRequest("dev", Map.of("aws.endpoint", "http://127.0.0.1:9",
                    "aws.region", "us-east-1", "aws.accessKeyId", "k", "aws.secretAccessKey", "s"), Path.of(".")));
            assertThatThrownBy(() -> provider.create(Moto.create(AwsSchemas.SQS_QUEUE, "q", Map.of("queueName", "q"))))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("aws:SqsQueue q")
                    .hasMessageContaining("cannot reach the AWS endpoint")
                    .hasMessageContaining("aws.endpoint")
                    .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
        }
    }

    @Test
    void missingCredentialsNameTheSettings() {
        try (AwsProvider provider = new AwsProvider()) {
            provider.configure(new ConfigureRequest("dev", Map.of("aws.endpoint", Moto.endpoint(),
                    "aws.region", "us-east-1"), Path.of(".")));
            assertThatThrownBy(() -> provider.create(Moto.create(AwsSchemas.S3_BUCKET, "b", Map.of("bucket", "b1"))))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("no AWS credentials")
                    .hasMessageContaining("aws.accessKeyId");
        }
    }

    @Test
    void halfAKeyPairIsRefusedAtConfigure() {
        try (AwsProvider provider = new AwsProvider()) {
            assertThatThrownBy(() -> provider.configure(new ConfigureRequest("dev",
                    Map.of("aws.accessKeyId", "k"), Path.of("."))))
                    .isInstanceOf(ProviderException.class).hasMessageContaining("aws.secretAccessKey");
        }
    }
}
