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
    void throttlingIsMarkedSoTheEngineSlowsDownAndCarriesTheServersRetryAfter() {
        for (String code : java.util.List.of("Throttling", "ThrottlingException", "SlowDown", "RequestLimitExceeded",
                "TooManyRequestsException", "RequestThrottled")) {
            assertThat(AwsErrors.translate("create q", service(code, 400)).throttled()).as(code).isTrue();
        }
        assertThat(AwsErrors.translate("create q", service("", 429)).throttled()).isTrue();
        ProviderException unavailable = AwsErrors.translate("create q", service("ServiceUnavailable", 503));
        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.throttled()).as("a 503 is a server error, not a request too many").isFalse();
        ProviderException asked = AwsErrors.translate("create q", withRetryAfter(service("SlowDown", 503), "7"));
        assertThat(asked.throttled()).isTrue();
        assertThat(asked.retryAfter()).contains(java.time.Duration.ofSeconds(7));
        ProviderException dated = AwsErrors.translate("create q", withRetryAfter(service("", 503),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30))));
        assertThat(dated.retryable()).isTrue();
        assertThat(dated.retryAfter().orElseThrow()).isBetween(java.time.Duration.ofSeconds(28),
                java.time.Duration.ofSeconds(30));
    }

    @Test
    void onlyThrottlingIsRetriedByTheSdkClientsThemselves() {
        assertThat(AwsErrors.isThrottling(service("SlowDown", 503))).isTrue();
        assertThat(AwsErrors.isThrottling(service("", 429))).isTrue();
        assertThat(AwsErrors.isThrottling(service(null, 404))).as("an S3 HEAD's answer has no code").isFalse();
        assertThat(AwsErrors.isThrottling(service("ServiceUnavailable", 503))).isFalse();
        assertThat(AwsErrors.isThrottling(new java.net.SocketException("Connection reset"))).isFalse();
    }

    @Test
    void brokenConnectionsAreRetryableAndAnEndpointThatNeverAnsweredIsNot() {
        ProviderException reset = AwsErrors.translate("create b", SdkClientException.create(
                "Unable to execute HTTP request", new java.net.SocketException("Connection reset")));
        assertThat(reset.retryable()).isTrue();
        assertThat(reset.getMessage()).contains("connection to the AWS endpoint broke", "Connection reset");
        ProviderException refusedAfterAnswers = AwsErrors.translate("create b", SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")));
        assertThat(refusedAfterAnswers.retryable()).isTrue();
        ProviderException neverAnswered = AwsErrors.translate("create b", SdkClientException.create("refused",
                new Reachability.NeverReached(new ConnectException("Connection refused"))));
        assertThat(neverAnswered.retryable()).isFalse();
        assertThat(neverAnswered.getMessage()).contains("cannot reach the AWS endpoint", "aws.endpoint");
        assertThat(AwsErrors.translate("create b", SdkClientException.create("Unable to execute HTTP request",
                new java.net.UnknownHostException("s3.nowhere"))).retryable()).isFalse();
    }

    @Test
    void aServiceErrorInsideAWaitersFailureIsJudgedAsTheServiceError() {
        ProviderException waited = AwsErrors.translate("wait for b", SdkClientException.create(
                "An exception was thrown and did not match any waiter acceptors", service("SlowDown", 503)));
        assertThat(waited.throttled()).isTrue();
        assertThat(waited.getMessage()).contains("SlowDown", "HTTP 503");
        assertThat(AwsErrors.translate("wait for b", SdkClientException.create("no acceptor",
                service("AccessDenied", 403))).retryable()).isFalse();
    }

    private static AwsServiceException withRetryAfter(AwsServiceException e, String value) {
        return AwsServiceException.builder().statusCode(e.statusCode())
                .awsErrorDetails(e.awsErrorDetails().toBuilder().sdkHttpResponse(
                        software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(e.statusCode())
                                .putHeader("Retry-After", value).build()).build()).build();
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
