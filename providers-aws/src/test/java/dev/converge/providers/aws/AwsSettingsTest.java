package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void settingsWinOverEnvironmentAndServiceEndpointsOverTheGlobalOne() {
        AwsSettings settings = AwsSettings.from(Map.of("aws.endpoint", "http://127.0.0.1:5005",
                "aws.endpoint.s3", "http://127.0.0.1:9000", "aws.region", "eu-west-1"),
                Map.of("AWS_ENDPOINT_URL", "http://env:1", "AWS_ENDPOINT_URL_SQS", "http://env-sqs:2"));
        assertThat(settings.endpointFor("s3")).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.endpointFor("dynamodb")).contains(URI.create("http://127.0.0.1:5005"));
        assertThat(settings.endpointFor("sqs")).contains(URI.create("http://env-sqs:2"));
        assertThat(settings.region()).contains("eu-west-1");
        assertThat(settings.overridden()).isTrue();
    }

    @Test
    void environmentEndpointAppliesWithoutSettings() {
        AwsSettings settings = AwsSettings.from(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5005"));
        assertThat(settings.endpointFor("iam")).contains(URI.create("http://127.0.0.1:5005"));
        assertThat(AwsSettings.from(Map.of(), Map.of()).overridden()).isFalse();
    }

    @Test
    void badValuesAreRefusedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.endpoint", "localhost"), Map.of()))
                .hasMessageContaining("aws.endpoint").hasMessageContaining("http://");
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.secretAccessKey", "s"), Map.of()))
                .hasMessageContaining("aws.accessKeyId");
    }

    @Test
    void theSecretKeyNeverAppearsInDescriptions() {
        AwsSettings settings = AwsSettings.from(Map.of("aws.accessKeyId", "AKIDEXAMPLE",
                "aws.secretAccessKey", "very-secret"), Map.of());
        assertThat(settings.toString()).contains("AKIDEXAMPLE").doesNotContain("very-secret");
        assertThat(settings.describe()).doesNotContain("very-secret");
    }
}
