package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.ProviderException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("boom").build()).build();
    }

    @Test
    void throttlingAndServerErrorsAreRetryable() {
        assertThat(AwsErrors.translate("create q", service("ThrottlingException", 400)).retryable()).isTrue();
        assertThat(AwsErrors.translate("create q", service("InternalError", 500)).retryable()).isTrue();
        assertThat(AwsErrors.translate("create q", service("SlowDown", 503)).retryable()).isTrue();
        ProviderException invalid = AwsErrors.translate("create q", service("InvalidParameterValue", 400));
        assertThat(invalid.retryable()).isFalse();
        assertThat(invalid.getMessage()).isEqualTo("create q failed: boom (InvalidParameterValue, HTTP 400)");
    }

    @Test
    void clientFailuresSayWhatToFix() {
        ProviderException credentials = AwsErrors.translate("create b", SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"));
        assertThat(credentials.getMessage()).contains("no AWS credentials", "aws.accessKeyId", "AWS_ACCESS_KEY_ID");
        ProviderException endpoint = AwsErrors.translate("create b", SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")));
        assertThat(endpoint.getMessage()).contains("cannot reach the AWS endpoint", "Connection refused",
                "AWS_ENDPOINT_URL");
        assertThat(AwsErrors.translate("x", service("InvalidClientTokenId", 403)).getMessage())
                .contains("aws.accessKeyId");
    }

    @Test
    void notFoundCoversTheServicesSpellings() {
        assertThat(AwsErrors.notFound(service("NoSuchBucket", 404))).isTrue();
        assertThat(AwsErrors.notFound(service("NoSuchEntity", 404))).isTrue();
        assertThat(AwsErrors.notFound(service("ResourceNotFoundException", 400))).isTrue();
        assertThat(AwsErrors.notFound(service("AWS.SimpleQueueService.NonExistentQueue", 400))).isTrue();
        assertThat(AwsErrors.notFound(service("AccessDenied", 403))).isFalse();
    }
}
