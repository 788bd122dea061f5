package dev.converge.providers.aws;

import dev.converge.spi.ProviderException;
import dev.converge.spi.RetryAfter;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link ProviderException}s with messages a user can act on. Throttling (HTTP 429
 * and the services' throttling codes) is retryable and marked {@linkplain ProviderException#throttled
 * throttled}, with the server's {@code Retry-After} when it sent one; server errors, eventual-consistency
 * errors (an object just created is not yet visible) and connections that broke (reset, timed out, refused
 * by an endpoint that answered before) are retryable; wrong endpoints, missing credentials and requests the
 * service rejects are not, and say which setting to fix. The provider's SDK clients retry only throttled calls
 * themselves ({@link AwsClients#forProvider}); the engine retries everything else, and throttles that persist.
 */
final class AwsErrors {

    private static final Set<String> RETRYABLE_CODES = Set.of("Throttling", "ThrottlingException",
            "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown",
            "ProvisionedThroughputExceededException", "RequestThrottled", "PriorRequestNotComplete",
            "OperationAborted", "ConcurrentModification",
            "ConcurrentModificationException", "InternalError", "InternalFailure", "ServiceUnavailable",
            "InvalidChangeBatch.Throttled", "AWS.SimpleQueueService.QueueDeletedRecently", "QueueDeletedRecently");

    /** Codes that mean "too many requests" beyond those the SDK itself knows ({@code isThrottlingException}). */
    private static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException",
            "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown", "RequestThrottled",
            "RequestThrottledException", "EC2ThrottledException", "InvalidChangeBatch.Throttled",
            "ProvisionedThroughputExceededException", "BandwidthLimitExceeded");

    private AwsErrors() {
    }

    /** Runs {@code call}, translating SDK failures; {@code what} names the operation and object. */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(what, e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs a delete call; returns false if the object was already gone (deleting twice is not an error),
     * translates every other failure.
     */
    static boolean deleteIfPresent(String what, Runnable delete) {
        try {
            delete.run();
            return true;
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (notFound(e)) {
                return false;
            }
            throw translate(what, e);
        }
    }

    static ProviderException translate(String what, SdkException e) {
        if (e instanceof AwsServiceException service) {
            return serviceFailure(what, service);
        }
        AwsServiceException inside = causeOf(e, AwsServiceException.class);
        if (inside != null) { // a waiter's or paginator's wrapper around what the service answered
            return serviceFailure(what, inside);
        }
        if (e instanceof SdkClientException) {
            return clientFailure(what, e);
        }
        return ProviderException.fatal(what + " failed: " + e.getMessage(), e);
    }

    private static ProviderException serviceFailure(String what, AwsServiceException service) {
        String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? ""
                : service.awsErrorDetails().errorCode();
        String message = service.awsErrorDetails() == null ? service.getMessage()
                : service.awsErrorDetails().errorMessage();
        int status = service.statusCode();
        String text = what + " failed: " + message + " (" + code + ", HTTP " + status + ")";
        if ("InvalidClientTokenId".equals(code) || "UnrecognizedClientException".equals(code)
                || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
            return ProviderException.fatal(text + "; check aws.accessKeyId/aws.secretAccessKey or the AWS"
                    + " credential chain", service);
        }
        Duration retryAfter = retryAfter(service).orElse(null);
        if (isThrottling(service)) {
            return ProviderException.throttled(text, retryAfter, service);
        }
        if (status >= 500 || RETRYABLE_CODES.contains(code)) {
            return ProviderException.retryable(text, service).withRetryAfter(retryAfter);
        }
        return ProviderException.fatal(text, service);
    }

    /** Whether {@code e} is a service's "too many requests": the call was not carried out. */
    static boolean isThrottling(Throwable e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        return service.isThrottlingException() || service.statusCode() == 429
                || code != null && THROTTLING_CODES.contains(code); // Set.of(...) refuses contains(null)
    }

    /** The wait the service asked for in a {@code Retry-After} header, if it sent one. */
    static Optional<Duration> retryAfter(AwsServiceException service) {
        if (service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, Instant.now()));
    }

    private static ProviderException clientFailure(String what, SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("credentials")
                && message.contains("provider")) {
            return ProviderException.fatal(what + " failed: no AWS credentials found. Set the stack settings"
                    + " aws.accessKeyId and aws.secretAccessKey (as a secret), or AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or configure a profile in ~/.aws/credentials", e);
        }
        String unreachable = what + " failed: cannot reach the AWS endpoint (" + rootMessage(e) + "). Check"
                + " aws.endpoint / aws.endpoint.<service> or AWS_ENDPOINT_URL, and that the service is running";
        if (hasCause(e, Reachability.NeverReached.class) || hasCause(e, UnknownHostException.class)) {
            return ProviderException.fatal(unreachable, e);
        }
        if (hasCause(e, ConnectException.class)) {
            return ProviderException.retryable(unreachable + " (it answered before: retrying)", e);
        }
        if (hasCause(e, IOException.class) || message.contains("Unable to execute HTTP request")) {
            // A reset, a timeout, an answer cut short: the request may or may not have been carried out.
            return ProviderException.retryable(what + " failed: the connection to the AWS endpoint broke ("
                    + rootMessage(e) + "); retrying", e);
        }
        return ProviderException.fatal(what + " failed: " + message, e);
    }

    /** True if the service said the object does not exist (any of the codes AWS services use). */
    static boolean notFound(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            return service.statusCode() == 404 || code.startsWith("NoSuch") || code.endsWith("NotFound")
                    || code.endsWith("NotFoundException") || code.contains("NonExistent")
                    || "ResourceNotFoundException".equals(code) || "NotFound".equals(code);
        }
        return false;
    }

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
