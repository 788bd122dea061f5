package dev.converge.providers.aws;

import dev.converge.spi.ProviderException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link ProviderException}s with messages a user can act on. Throttling,
 * server errors and eventual-consistency errors (an object just created is not yet visible) are
 * retryable; wrong endpoints and missing credentials are not, and say which setting to fix.
 */
final class AwsErrors {

    private static final Set<String> RETRYABLE_CODES = Set.of("Throttling", "ThrottlingException",
            "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown",
            "ProvisionedThroughputExceededException", "RequestThrottled", "PriorRequestNotComplete",
            "OperationAborted", "ConcurrentModification",
            "ConcurrentModificationException", "InternalError", "InternalFailure", "ServiceUnavailable",
            "InvalidChangeBatch.Throttled", "AWS.SimpleQueueService.QueueDeletedRecently", "QueueDeletedRecently");

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
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? e.getMessage() : service.awsErrorDetails().errorMessage();
            int status = service.statusCode();
            boolean retryable = service.isThrottlingException() || status == 429 || status >= 500
                    || RETRYABLE_CODES.contains(code);
            String text = what + " failed: " + message + " (" + code + ", HTTP " + status + ")";
            if ("InvalidClientTokenId".equals(code) || "UnrecognizedClientException".equals(code)
                    || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                text += "; check aws.accessKeyId/aws.secretAccessKey or the AWS credential chain";
            }
            return retryable ? ProviderException.retryable(text, e) : ProviderException.fatal(text, e);
        }
        if (e instanceof SdkClientException) {
            return clientFailure(what, e);
        }
        return ProviderException.fatal(what + " failed: " + e.getMessage(), e);
    }

    private static ProviderException clientFailure(String what, SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("credentials")
                && message.contains("provider")) {
            return ProviderException.fatal(what + " failed: no AWS credentials found. Set the stack settings"
                    + " aws.accessKeyId and aws.secretAccessKey (as a secret), or AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or configure a profile in ~/.aws/credentials", e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)
                || message.contains("Unable to execute HTTP request")) {
            return ProviderException.fatal(what + " failed: cannot reach the AWS endpoint (" + rootMessage(e)
                    + "). Check aws.endpoint / aws.endpoint.<service> or AWS_ENDPOINT_URL, and that the"
                    + " service is running", e);
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

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
