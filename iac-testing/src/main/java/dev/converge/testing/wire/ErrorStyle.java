package dev.converge.testing.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * How the backend behind a {@link FaultProxy} says "too many requests" and "unavailable", so that injected
 * errors look like the real service's to its client library.
 */
public enum ErrorStyle {

    /**
     * AWS, per service (found in the request's SigV4 credential scope): S3 {@code 503 SlowDown}, EC2
     * {@code 503 RequestLimitExceeded}, JSON services (SQS, DynamoDB, CloudWatch Logs) {@code 400
     * ThrottlingException}, query and REST-XML services (IAM, SNS, STS, Route 53) {@code 400 Throttling},
     * each in the service's own error document.
     */
    AWS,
    /** The Kubernetes API server: a {@code Status} object, {@code 429 TooManyRequests} with {@code retryAfterSeconds}. */
    KUBERNETES,
    /** Plain text, {@code 429 Too Many Requests}: a load balancer or any HTTP server. */
    PLAIN;

    /** The whole response for a throttled request. */
    byte[] throttle(Http1.Head request, RetryAfterHeader retryAfter, Instant now) {
        return switch (this) {
            case AWS -> Aws.throttle(request, retryAfter, now);
            case KUBERNETES -> kubernetes(429, "TooManyRequests", "Too many requests, please try again later.",
                    retryAfter, now);
            case PLAIN -> response(429, "text/plain", "Too Many Requests\n", retryAfter, now, "");
        };
    }

    /** The whole response for a request answered with {@code status}. */
    byte[] status(Http1.Head request, int status, RetryAfterHeader retryAfter, Instant now) {
        return switch (this) {
            case AWS -> Aws.status(request, status, retryAfter, now);
            case KUBERNETES -> kubernetes(status, status == 429 ? "TooManyRequests" : "ServiceUnavailable",
                    "injected fault: HTTP " + status, retryAfter, now);
            case PLAIN -> response(status, "text/plain", "injected fault: HTTP " + status + "\n", retryAfter, now, "");
        };
    }

    private static byte[] kubernetes(int status, String reason, String message, RetryAfterHeader retryAfter,
            Instant now) {
        long seconds = retryAfter.seconds();
        String details = seconds > 0 ? ",\"details\":{\"retryAfterSeconds\":" + seconds + "}" : "";
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\"" + details + ",\"code\":" + status + "}";
        return response(status, "application/json", body, retryAfter, now, "");
    }

    static byte[] response(int status, String contentType, String body, RetryAfterHeader retryAfter, Instant now,
            String extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(bytes.length)
                .append("\r\nDate: ").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        now.atOffset(java.time.ZoneOffset.UTC)))
                .append("\r\n").append(extraHeaders);
        retryAfter.value(now).ifPresent(value -> head.append("Retry-After: ").append(value).append("\r\n"));
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(start, start.length + bytes.length);
        System.arraycopy(bytes, 0, all, start.length, bytes.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected Fault";
        };
    }

    /** AWS error documents by protocol. */
    private static final class Aws {

        static byte[] throttle(Http1.Head request, RetryAfterHeader retryAfter, Instant now) {
            String service = service(request);
            return switch (service) {
                case "s3" -> error(request, 503, "SlowDown", "Please reduce your request rate.", retryAfter, now);
                case "ec2" -> error(request, 503, "RequestLimitExceeded", "Request limit exceeded.", retryAfter, now);
                default -> error(request, 400, json(request) ? "ThrottlingException" : "Throttling", "Rate exceeded",
                        retryAfter, now);
            };
        }

        static byte[] status(Http1.Head request, int status, RetryAfterHeader retryAfter, Instant now) {
            String code = switch (status) {
                case 429 -> "TooManyRequestsException";
                case 500 -> "InternalError";
                case 503 -> "ServiceUnavailable";
                default -> "InjectedFault";
            };
            return error(request, status, code, "injected fault: HTTP " + status, retryAfter, now);
        }

        private static byte[] error(Http1.Head request, int status, String code, String message,
                RetryAfterHeader retryAfter, Instant now) {
            String id = UUID.randomUUID().toString();
            String ids = "x-amzn-RequestId: " + id + "\r\nx-amz-request-id: " + id + "\r\n";
            if (json(request)) {
                return response(status, "application/x-amz-json-1.0", "{\"__type\":\"" + code + "\",\"message\":\""
                        + message + "\"}", retryAfter, now, ids);
            }
            String body = switch (service(request)) {
                case "s3" -> "<Error><Code>" + code + "</Code><Message>" + message + "</Message><RequestId>" + id
                        + "</RequestId></Error>";
                case "ec2" -> "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error></Errors><RequestID>" + id + "</RequestID></Response>";
                default -> "<ErrorResponse><Error><Type>" + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>"
                        + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + id
                        + "</RequestId></ErrorResponse>";
            };
            return response(status, "text/xml", body, retryAfter, now, ids);
        }

        private static boolean json(Http1.Head request) {
            String type = request.header("Content-Type");
            return request.header("X-Amz-Target") != null
                    || type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-amz-json");
        }

        /** The service of a SigV4-signed request: {@code Credential=KEY/DATE/REGION/SERVICE/aws4_request}. */
        private static String service(Http1.Head request) {
            String authorization = request.header("Authorization");
            int credential = authorization == null ? -1 : authorization.indexOf("Credential=");
            if (credential < 0) {
                return "";
            }
            String[] scope = authorization.substring(credential + "Credential=".length()).split("[,\\s]")[0].split("/");
            return scope.length >= 4 ? scope[3] : "";
        }
    }
}
